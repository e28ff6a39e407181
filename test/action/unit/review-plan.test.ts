import { describe, expect, it } from 'vitest';
import { checkAnchor } from '../../../src/review/anchor-check.js';
import { ownComments, planReview, splitInline, type PostedFinding } from '../../../src/review/review-plan.js';
import { readReviewState, readSummaryState, reportedStateLine } from '../../../src/review/summarised-state.js';
import { MAX_STATE_CHARS } from '../../../src/review/limits.js';
import { parsePatch } from '../../../src/review/diff.js';
import type { Anchor, Finding } from '../../../src/review/findings.js';
import { jobIdentity } from '../../../src/review/job.js';
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

  it('leaves open the comments of tests that still fail without being findings, and marks fixed the rest', () => {
    // "bb" regressed in an earlier push and now fails as much as at the base: nothing was fixed.
    const plan = planReview([finding('aa')], [posted('bb', 2), posted('cc', 3)], { stillFailing: new Set(['bb']) });
    expect(plan.toPost.map((entry) => entry.fingerprint)).toEqual(['aa']);
    expect(plan.toMarkFixed.map((comment) => comment.commentId)).toEqual([3]);
  });
});

describe('ownComments', () => {
  const mine = jobIdentity({ prompts: ['prompts/'] });
  const named = jobIdentity({ id: 'support', prompts: ['prompts/'] });
  const withJob = (comment: PostedFinding, job: string): PostedFinding => ({ ...comment, job });
  const comments = [
    withJob(posted('aa', 1), mine.key),
    withJob(posted('bb', 2), named.key),
    posted('cc', 3),
    posted('dd', 4, false, 'prompts/other.prompt.yaml'),
  ];

  it('keeps the job’s own, and the unmarked ones (from before job identities) on files it selects when it has no id', () => {
    expect(ownComments(comments, mine, new Set([SUPPORT_REPLY_PATH])).map((comment) => comment.commentId)).toEqual([1, 3]);
  });

  it('leaves the unmarked ones to jobs without an id', () => {
    expect(ownComments(comments, named, new Set([SUPPORT_REPLY_PATH])).map((comment) => comment.commentId)).toEqual([2]);
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
  const summary = (state: string) => `<!-- promptgate:summary job=0123456789ab -->\n## promptgate\n\nvisible text${state}`;

  it('is a hidden last line that reads back what it holds, and how far it has taken in the reviews', () => {
    const line = reportedStateLine(['f2', 'f1', 'f2'], 17);
    expect(line).toMatch(/^\n<!-- promptgate:reported through=17 k=\d+ [A-Za-z0-9+/]+={0,2} -->\n$/);
    const state = readSummaryState(summary(line));
    expect([state.reported.has('f1'), state.reported.has('f2'), state.reported.has('f3')]).toEqual([true, true, false]);
    expect(state.throughReview).toBe(17);
    expect(reportedStateLine([])).toBe('');
    // A summary that remembers nothing still says which reviews it has taken in.
    expect(readSummaryState(summary(reportedStateLine([], 17))).throughReview).toBe(17);
  });

  it('reads the plain list that summaries of earlier versions kept, taking in no review', () => {
    const legacy = readSummaryState('<!-- promptgate:summary -->\ntext\n<!-- promptgate:summarised-findings f1 f2 bad-->x -->\n');
    expect([legacy.reported.has('f1'), legacy.reported.has('f2'), legacy.reported.has('f3')]).toEqual([true, true, false]);
    expect(legacy.throughReview).toBe(0);
  });

  it('ignores a look-alike anywhere but the last line, and a damaged one', () => {
    const lookAlike = reportedStateLine(['f1'], 99);
    expect(readSummaryState(summary(`${lookAlike}\nmore text after it`)).reported.has('f1')).toBe(false);
    expect(readSummaryState(summary('\n<!-- promptgate:reported through=5 k=99 AAAAAAAAAAA= -->\n')).throughReview).toBe(0);
    expect(readSummaryState(undefined).throughReview).toBe(0);
    expect(readReviewState('no state here').has('f1')).toBe(false);
  });

  it('stays within its bound for any number of findings', () => {
    const many = Array.from({ length: 50_000 }, (_, index) => index.toString(16).padStart(16, '0'));
    const line = reportedStateLine(many, 123_456_789);
    expect(line.length).toBeLessThanOrEqual(MAX_STATE_CHARS);
    expect(readSummaryState(summary(line)).reported.has(many[31_337]!)).toBe(true);
  });
});
