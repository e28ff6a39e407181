// Size limits shared by every body the review posts.

/**
 * Upper bound on a comment or review body, in UTF-16 code units. GitHub refuses bodies over 65,536
 * characters (422); it counts code points, which are never more than UTF-16 units, so a body within
 * this fits. The rest is headroom for what redaction may lengthen.
 */
export const DEFAULT_MAX_CHARS = 60_000;

/**
 * The most a body's hidden state (which findings it reported, see reported-filter.ts) may take:
 * whatever the size of the suite, the visible part keeps at least DEFAULT_MAX_CHARS minus this.
 */
export const MAX_STATE_CHARS = 16_500;
