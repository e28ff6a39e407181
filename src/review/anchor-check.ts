// Defence in depth before posting: GitHub refuses a whole review (422, without saying which
// comment) when one line comment is outside the diff. Every line anchor is checked again against
// the file's patch here, and an anchor that would not land is demoted — to the file, else to the body.
import { isInDiff } from './anchor.js';
import type { ParsedPatch } from './diff.js';
import type { Anchor, Finding } from './findings.js';

/** The pull request's files: path → parsed patch (undefined for binary or huge files). */
export type PullPatches = Map<string, ParsedPatch | undefined>;

export function checkAnchor(anchor: Anchor, patches: PullPatches): Anchor {
  if (anchor.kind === 'body') return anchor;
  if (!patches.has(anchor.path)) return { kind: 'body' };
  if (anchor.kind === 'file') return anchor;
  const patch = patches.get(anchor.path);
  if (!patch?.right.has(anchor.line)) return { kind: 'file', path: anchor.path };
  const { startLine, ...single } = anchor;
  // A range must lie in one hunk; when it does not, the end line alone still lands.
  if (startLine === undefined || startLine >= anchor.line || !isInDiff(anchor, patch)) return single;
  return { ...single, startLine };
}

export function withCheckedAnchor(finding: Finding, patches: PullPatches): Finding {
  return { ...finding, anchor: checkAnchor(finding.anchor, patches) };
}
