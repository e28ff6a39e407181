// Which findings an earlier run put in a review body instead of inline. Review bodies cannot be
// searched the way review comments can, so the sticky summary carries their fingerprints in a
// hidden comment; without it every push would repeat the same overflow list in a new review.
const STATE_START = '<!-- promptgate:summarised-findings';
const STATE_END = '-->';
// Anything else could end the HTML comment early or smuggle markup; such a fingerprint is simply not remembered.
const SAFE_FINGERPRINT = /^[\w:.@+=/-]{1,200}$/;

export function readSummarisedState(body: string | undefined): Set<string> {
  if (!body) return new Set();
  const start = body.lastIndexOf(STATE_START);
  if (start < 0) return new Set();
  const end = body.indexOf(STATE_END, start);
  if (end < 0) return new Set();
  const listed = body.slice(start + STATE_START.length, end).trim().split(/\s+/);
  return new Set(listed.filter((fingerprint) => SAFE_FINGERPRINT.test(fingerprint)));
}

/** The hidden line to append to a summary body; empty when there is nothing to remember. */
export function summarisedStateLine(fingerprints: Iterable<string>): string {
  const safe = [...new Set(fingerprints)].filter((fingerprint) => SAFE_FINGERPRINT.test(fingerprint)).sort();
  return safe.length === 0 ? '' : `\n${STATE_START} ${safe.join(' ')} ${STATE_END}\n`;
}
