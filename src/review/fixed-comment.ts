// A finding that no longer fails is not deleted (the discussion under it stays readable): its
// comment is edited to say so, the old details folded away, and its marker flagged fixed.
import { DEFAULT_MAX_CHARS } from './limits.js';
import { findingMarker, isMarkedFixed, parseFindingMarker, withoutFindingMarker } from './markers.js';
import { shortSha } from './text.js';

/**
 * `previousBody` is the comment as fetched from GitHub. Already-fixed bodies come back unchanged, so
 * repeated runs do not nest the old details deeper each time. `job`: the key of the job marking it
 * (it names the job of a comment from before job identities); else the comment's own.
 */
export function renderFixedComment(previousBody: string, fixedAtSha: string, options: { maxChars?: number; job?: string } = {}): string {
  if (isMarkedFixed(previousBody)) return previousBody;
  const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
  const status = `✅ **Fixed** in ${shortSha(fixedAtSha)}: this test no longer fails this way.`;
  const previousMarker = parseFindingMarker(previousBody);
  const job = options.job ?? previousMarker?.job;
  const marker = findingMarker(previousMarker?.fingerprint, { fixed: true, ...(job !== undefined ? { job } : {}) });
  const previous = withoutFindingMarker(previousBody);
  const withDetails = `${status}\n\n<details>\n<summary>Previous failure</summary>\n\n${previous}\n\n</details>\n\n${marker}`;
  // Cutting the old body could leave a fence open that swallows what follows; drop it whole instead.
  return withDetails.length <= maxChars ? withDetails : `${status}\n\n${marker}`;
}
