// Hidden HTML comments that let the action find its own comments again. A finding's marker sits at
// the very end of its body; the model output quoted above it could contain marker-like text, so
// parsing takes the LAST marker, which is always ours.

export const FINGERPRINT_MARKER = 'promptgate:finding';
/** First line of the sticky summary comment: the action finds it by this and edits it in place. */
export const SUMMARY_MARKER = '<!-- promptgate:summary -->';
/** First line of every review body promptgate posts. */
export const REVIEW_MARKER = '<!-- promptgate:review -->';

// Fingerprints are hex; anything else after `fp=` is not one of ours.
const FINDING_MARKER_PATTERN = /<!-- promptgate:finding(?: fp=([0-9a-f]{1,64}))?( state=fixed)? -->/g;

export function findingMarker(fingerprint: string | undefined, fixed = false): string {
  return `<!-- ${FINGERPRINT_MARKER}${fingerprint ? ` fp=${fingerprint}` : ''}${fixed ? ' state=fixed' : ''} -->`;
}

export function parseFindingFingerprint(body: string): string | undefined {
  return lastMarker(body)?.[1];
}

export function isMarkedFixed(body: string): boolean {
  return lastMarker(body)?.[2] !== undefined;
}

/** The body without its trailing finding marker (and the blank line before it). */
export function withoutFindingMarker(body: string): string {
  const marker = lastMarker(body);
  if (!marker) return body;
  return (body.slice(0, marker.index) + body.slice(marker.index + marker[0].length)).trimEnd();
}

function lastMarker(body: string): RegExpExecArray | undefined {
  let last: RegExpExecArray | undefined;
  for (const match of body.matchAll(FINDING_MARKER_PATTERN)) last = match as RegExpExecArray;
  return last;
}
