import { describe, expect, it } from 'vitest';
import { compareReports, countChanges } from '../../src/review/classify.js';
import { compared, errored, failing, passing, report } from './helpers.js';

const FILE = 'prompts/support.prompt.yaml';

describe('compareReports', () => {
  const base = report([
    passing(FILE, 'dropped'),
    failing(FILE, 'rose'),
    failing(FILE, 'fails as before'),
    passing(FILE, 'passes as before'),
    failing(FILE, 'undecided, fails now'),
    passing(FILE, 'undecided, passes now'),
    passing(FILE, 'errors now'),
    errored(FILE, 'errored at base, fails now'),
    passing(FILE, 'removed by this PR'),
  ]);
  const head = report([
    compared(failing(FILE, 'dropped'), 'regression', [0, 8], [8, 8]),
    compared(passing(FILE, 'rose'), 'improvement', [8, 8], [0, 8]),
    compared(failing(FILE, 'fails as before'), 'unchanged', [5, 8], [5, 8]),
    compared(passing(FILE, 'passes as before'), 'unchanged', [4, 4], [4, 4]),
    compared(failing(FILE, 'undecided, fails now'), 'inconclusive', [20, 24], [24, 24]),
    compared(passing(FILE, 'undecided, passes now'), 'inconclusive', [20, 24], [24, 24]),
    compared(errored(FILE, 'errors now'), 'inconclusive', [0, 0], [4, 4]),
    compared(failing(FILE, 'errored at base, fails now'), 'inconclusive', [0, 4], [0, 0]),
    compared(failing(FILE, 'added by this PR, fails'), 'new', [0, 1]),
    compared(passing(FILE, 'added by this PR, passes'), 'new', [1, 1]),
  ]);
  const entries = compareReports(head, base);

  it('gives every head test its change from its comparison and its own status, in head order', () => {
    expect(entries.map((entry) => [entry.test, entry.change])).toEqual([
      ['dropped', 'regression'],
      ['rose', 'improved'],
      ['fails as before', 'still-failing'],
      ['passes as before', 'passing'],
      ['undecided, fails now', 'inconclusive'],
      ['undecided, passes now', 'inconclusive'],
      ['errors now', 'errored'],
      // No evaluated sample at the base: no baseline, so it reads as new.
      ['errored at base, fails now', 'new-failing'],
      ['added by this PR, fails', 'new-failing'],
      ['added by this PR, passes', 'passing'],
    ]);
  });

  it('keeps the base result next to the head result, and none for a new test', () => {
    expect(entries[0]!.base?.status).toBe('passed');
    expect(entries[0]!.head.status).toBe('failed');
    expect(entries[8]!.base).toBeUndefined();
  });

  it('lists nothing for a test removed by this PR', () => {
    expect(entries.map((entry) => entry.test)).not.toContain('removed by this PR');
    expect(entries).toHaveLength(10);
  });

  it('counts every kind of change, zeros included', () => {
    expect(countChanges(entries)).toEqual({ regression: 1, 'new-failing': 2, inconclusive: 2, 'still-failing': 1, improved: 1, passing: 2, errored: 1 });
    expect(countChanges([])).toEqual({ regression: 0, 'new-failing': 0, inconclusive: 0, 'still-failing': 0, improved: 0, passing: 0, errored: 0 });
  });

  it('does not call a failure after a pass a regression unless the comparison found one', () => {
    // One sample a side, as before the comparison: a flaky test's bad draw, not evidence.
    const [entry] = compareReports(report([compared(failing(FILE, 'refund window'), 'unchanged', [0, 1], [1, 1])]), report([passing(FILE, 'refund window')]));
    expect(entry!.change).toBe('still-failing');
  });

  it('keeps a regression the comparison found when a call of the test errored at the head', () => {
    // Errored samples are left out of the counts, and 0/7 against 8/8 decides it.
    const [entry] = compareReports(report([compared(errored(FILE, 'refund window'), 'regression', [0, 7], [8, 8])]), undefined);
    expect(entry!.change).toBe('regression');
  });

  it('follows a renamed file to its old path for the base result', () => {
    const renamed = 'prompts/support/reply.prompt.yaml';
    const headReport = report([compared(failing(renamed, 'refund window'), 'regression', [0, 8], [8, 8]), compared(passing(renamed, 'greeting'), 'improvement', [8, 8], [0, 8])]);
    const baseReport = report([passing(FILE, 'refund window'), failing(FILE, 'greeting')]);
    const withRename = compareReports(headReport, baseReport, new Map([[renamed, FILE]]));
    expect(withRename.map((entry) => [entry.file, entry.change, entry.base?.file])).toEqual([
      [renamed, 'regression', FILE],
      [renamed, 'improved', FILE],
    ]);
  });

  it('does not take a test of the same name in another file as its base', () => {
    const [entry] = compareReports(report([compared(failing('prompts/a.prompt.yaml', 'greeting'), 'new', [0, 1])]), report([passing('prompts/b.prompt.yaml', 'greeting')]));
    expect(entry!.base).toBeUndefined();
    expect(entry!.change).toBe('new-failing');
  });

  it('reads a result without a comparison as new: failing tests are new failures and passing ones pass', () => {
    const uncompared = compareReports(report([failing(FILE, 'a'), passing(FILE, 'b'), errored(FILE, 'c')]), undefined);
    expect(uncompared.map((entry) => entry.change)).toEqual(['new-failing', 'passing', 'errored']);
  });
});
