// The largest value each number a user can set may take: flags, the config file, the Action's
// inputs and prompt files. A number past these is a typo or an attack, never a plan, and some do
// real harm past a point (a timer of 2^31 ms fires after 1 ms; 10^8 samples exhaust the heap before
// the first call). The JSON Schemas repeat these numbers for editors; a test keeps them equal.

/** Samples per test (`repeat`, `--repeat`). */
export const MAX_REPEAT = 1000;

/** Model calls in flight at once. */
export const MAX_CONCURRENCY = 1024;

/**
 * Model calls one run may make: tests × samples, over every file (and for one file alone). Every
 * case is planned before the first call, at about 9 kB each (20,000 cases peak at 180 MB), so this
 * keeps a run under 1 GB — and 100,000 calls is already a bill worth a second look.
 */
export const MAX_CASES = 100_000;

/**
 * Per-request timeout, retry time and the suggest step's time budget, in ms: 24 hours. Node's
 * timers fire at once for delays of 2^31 ms (24.8 days) or more, which would make every call time
 * out at 1 ms; nothing a run waits for sensibly takes a day.
 */
export const MAX_DURATION_MS = 86_400_000;

/**
 * Characters of one test's prompt once its placeholders are filled: a million-token context is
 * about 4 million characters. Placeholders multiply what a file holds (`{{a}}` written 2,000 times
 * over a 100 kB value is 200 MB), so the rendered size is bounded, not only the file's.
 */
export const MAX_PROMPT_CHARS = 4_000_000;

/** Characters of every test's rendered prompt in one file, or in one run: about 200 MB in memory. */
export const MAX_RENDERED_CHARS = 100_000_000;

/** Model calls one suggestion may spend (`--max-calls`, the Action's `suggest-budget`). */
export const MAX_MODEL_CALLS = MAX_CASES;

/** Tokens one answer may use (`maxTokens`, `max-tokens`); no model writes a million tokens in one answer. */
export const MAX_TOKENS = 1_000_000;

/** Characters for `min-length`/`max-length`: ten times what a million tokens could spell. */
export const MAX_CHARACTERS = 10_000_000;

/** Words for `max-words`. */
export const MAX_WORDS = MAX_TOKENS;

/** US dollars one call may cost (`cost`); the dearest models cost cents to a few dollars a call. */
export const MAX_COST_USD = 1000;

/**
 * US dollars per million tokens in a price table. Today's dearest models charge hundreds; the bound
 * only keeps sums finite, and leaves room for the round per-token prices tests and examples use.
 */
export const MAX_PRICE_PER_MILLION_USD = 10_000_000;

/** Inline review comments per run (`max-comments`); GitHub's own reviews are unreadable long before. */
export const MAX_COMMENTS = 1000;

/** `seed`: JSON numbers past 2^53 lose digits on the way to the endpoint. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

