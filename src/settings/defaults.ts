// The defaults both edges fall back to after their own inputs and the config file, so the CLI and
// the Action judge the same files alike.

/** Sensible for hosted APIs' lower tiers; raise it for local servers or high tiers. */
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_MAX_RETRY_TIME_MS = 120_000;
export const DEFAULT_CACHE_DIR = '.promptgate/cache';
