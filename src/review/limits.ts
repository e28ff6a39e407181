// Size limits shared by every body the review posts.

/**
 * Upper bound on a comment or review body, in UTF-16 code units. GitHub rejects bodies over 65,536
 * characters; the rest is headroom for markers and for what the action may append.
 */
export const DEFAULT_MAX_CHARS = 60_000;
