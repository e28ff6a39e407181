import { describe, expect, it } from 'vitest';
import { checkAnchor } from '../../../src/github/anchor-check.js';
import { planReview, splitInline, type PostedFinding } from '../../../src/github/review-plan.js';
import { readSummarisedState, summarisedStateLine } from '../../../src/github/summarised-state.js';
import { parsePatch } from '../../../src/review/diff.js';
import type { Anchor, Finding } from '../../../src/review/findings.js';
import { SUPPORT_REPLY_PATCH, SUPPORT_REPLY_PATH } from '../../fixtures/github/prompt-pull-request.js';

// Only the fields the plan looks at matter here.
function finding(fingerprint: string, anchor: Anchor = { kind: 'line', path: SUPPORT_REPLY_PATH, line: 13 }): Finding {
  return { fingerprint, anchor, compared: {} as Finding['compared'] };
}

function posted(fingerprint: string, commentId: number, fixed = false, path = SUPPORT_REPLY_PATH): PostedFinding {
  return { commentId, fingerprint, path, body: `body ${fingerprint}`, fixed };
}

describe('planReview', () => {
  it('posts only what is new, and marks fixed the open comments whose finding is gone', () => {
    const plan = planReview([finding('aa'), finding('bb'), finding('cc')], [posted('aa', 1), posted('dd', 2), posted('ee', 3, true)]);

    expect(plan.toPost.map((entry) => entry.fingerprint)).toEqual(['bb', 'cc']);
    expect(plan.toMarkFixed.map((comment) => comment.commentId)).toEqual([2]);
    expect(plan.alreadyReported).toBe(1);
  });

  it('posts again a finding whose earlier comment was marked fixed (it came back)', () => {
    const plan = planReview([finding('aa')], [posted('aa', 1, true)]);
    expect(plan.toPost.map((entry) => entry.fingerprint)).toEqual(['aa']);
    expect(plan.toMarkFixed).toEqual([]);
  });

  it('skips findings already summarised in a review body, and leaves comments on files with errored tests alone', () => {
    const plan = planReview([finding('aa'), finding('bb')], [posted('cc', 3, false, 'prompts/other.prompt.yaml')], {
      summarisedBefore: new Set(['bb']),
      undecidedFiles: new Set(['prompts/other.prompt.yaml']),
    });
    expect(plan.toPost.map((entry) => entry.fingerprint)).toEqual(['aa']);
    expect(plan.toMarkFixed).toEqual([]);
    expect(plan.alreadyReported).toBe(1);
  });
});

describe('splitInline', () => {
  it('fills the inline budget in order, skipping findings that have no place in the diff', () => {
    const findings = [finding('a1', { kind: 'body' }), finding('a2'), finding('a3', { kind: 'file', path: SUPPORT_REPLY_PATH }), finding('a4')];
    const { inline, overflow } = splitInline(findings, 2);
    expect(inline.map((entry) => entry.fingerprint)).toEqual(['a2', 'a3']);
    expect(overflow.map((entry) => entry.fingerprint)).toEqual(['a1', 'a4']);
  });
});

describe('checkAnchor', () => {
  // RIGHT lines of this patch: 3–17, 20–26, 38–45 (see the fixture's header).
  const patches = new Map([[SUPPORT_REPLY_PATH, parsePatch(SUPPORT_REPLY_PATCH)], ['assets/logo.png', undefined]]);

  it('keeps anchors that land', () => {
    expect(checkAnchor({ kind: 'line', path: SUPPORT_REPLY_PATH, line: 45, startLine: 41 }, patches)).toEqual({
      kind: 'line',
      path: SUPPORT_REPLY_PATH,
      line: 45,
      startLine: 41,
    });
    expect(checkAnchor({ kind: 'file', path: 'assets/logo.png' }, patches)).toEqual({ kind: 'file', path: 'assets/logo.png' });
  });

  it('demotes a line outside the hunks to the file, and a file outside the pull request to the body', () => {
    expect(checkAnchor({ kind: 'line', path: SUPPORT_REPLY_PATH, line: 30 }, patches)).toEqual({ kind: 'file', path: SUPPORT_REPLY_PATH });
    expect(checkAnchor({ kind: 'line', path: 'assets/logo.png', line: 1 }, patches)).toEqual({ kind: 'file', path: 'assets/logo.png' });
    expect(checkAnchor({ kind: 'line', path: 'prompts/elsewhere.prompt.yaml', line: 3 }, patches)).toEqual({ kind: 'body' });
  });

  it('drops a range that spans two hunks, keeping its end line', () => {
    expect(checkAnchor({ kind: 'line', path: SUPPORT_REPLY_PATH, line: 22, startLine: 15 }, patches)).toEqual({
      kind: 'line',
      path: SUPPORT_REPLY_PATH,
      line: 22,
    });
  });
});

describe('summarised state', () => {
  it('is a hidden line of sorted, de-duplicated fingerprints that reads back', () => {
    expect(summarisedStateLine(['f2', 'f1', 'f2'])).toBe('\n<!-- promptgate:summarised-findings f1 f2 -->\n');
    expect(summarisedStateLine([])).toBe('');
    expect(readSummarisedState('<!-- promptgate:summary -->\ntext\n<!-- promptgate:summarised-findings f1 f2 -->\n')).toEqual(new Set(['f1', 'f2']));
  });

  it('ignores anything that could break out of the HTML comment', () => {
    expect(summarisedStateLine(['ok', 'bad -->x'])).toBe('\n<!-- promptgate:summarised-findings ok -->\n');
    expect(readSummarisedState(undefined)).toEqual(new Set());
    expect(readSummarisedState('no state here')).toEqual(new Set());
  });
});
