declare const PROMPTGATE_VERSION: string;
/** Replaced by the bundler; code running from source sees the development marker. */
export const VERSION = typeof PROMPTGATE_VERSION === 'string' ? PROMPTGATE_VERSION : '0.0.0-dev';
