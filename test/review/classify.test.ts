import { describe, expect, it } from 'vitest';
import { compareReports, countChanges } from '../../src/review/classify.js';
import { errored, failing, passing, report } from './helpers.js';

const FILE = 'prompts/support.prompt.yaml';

describe('compareReports', () => {
  const base = report([
    passing(FILE, 'was passing, now fails'),
    failing(FILE, 'was failing, still fails'),
    failing(FILE, 'was failing, now passes'),
    passing(FILE, 'was passing, still passes'),
    passing(FILE, 'was passing, now errors'),
    errored(FILE, 'errored at base, fails now'),
    passing(FILE, 'removed by this PR'),
  ]);
  const head = report([
    failing(FILE, 'was passing, now fails'),
    failing(FILE, 'was failing, still fails'),
    passing(FILE, 'was failing, now passes'),
    passing(FILE, 'was passing, still passes'),
    errored(FILE, 'was passing, now errors'),
    failing(FILE, 'errored at base, fails now'),
    failing(FILE, 'added by this PR, fails'),
    passing(FILE, 'added by this PR, passes'),
  ]);
  const compared = compareReports(head, base);

  it('gives every head test its change, in head order', () => {
    expect(compared.map((entry) => [entry.test, entry.change])).toEqual([
      ['was passing, now fails', 'regression'],
      ['was failing, still fails', 'still-failing'],
      ['was failing, now passes', 'fixed'],
      ['was passing, still passes', 'passing'],
      ['was passing, now errors', 'errored'],
      ['errored at base, fails now', 'new-failing'],
      ['added by this PR, fails', 'new-failing'],
      ['added by this PR, passes', 'passing'],
    ]);
  });

  it('keeps the base result next to the head result, and none for a new test', () => {
    expect(compared[0]!.base?.status).toBe('passed');
    expect(compared[0]!.head.status).toBe('failed');
    expect(compared[6]!.base).toBeUndefined();
  });

  it('lists nothing for a test removed by this PR', () => {
    expect(compared.map((entry) => entry.test)).not.toContain('removed by this PR');
    expect(compared).toHaveLength(8);
  });

  it('counts every kind of change, zeros included', () => {
    expect(countChanges(compared)).toEqual({ regression: 1, 'still-failing': 1, 'new-failing': 2, fixed: 1, passing: 2, errored: 1 });
    expect(countChanges([])).toEqual({ regression: 0, 'still-failing': 0, 'new-failing': 0, fixed: 0, passing: 0, errored: 0 });
  });

  it('counts a flaky failure as a regression when the base passed', () => {
    const flaky = failing(FILE, 'refund window', { flaky: true, passRate: 0.6, minPassRate: 0.8 });
    const [entry] = compareReports(report([flaky]), report([passing(FILE, 'refund window')]));
    expect(entry!.change).toBe('regression');
  });

  it('follows a renamed file to its old path', () => {
    const renamed = 'prompts/support/reply.prompt.yaml';
    const headReport = report([failing(renamed, 'refund window'), passing(renamed, 'greeting')]);
    const baseReport = report([passing(FILE, 'refund window'), failing(FILE, 'greeting')]);
    const withRename = compareReports(headReport, baseReport, new Map([[renamed, FILE]]));
    expect(withRename.map((entry) => [entry.file, entry.change, entry.base?.file])).toEqual([
      [renamed, 'regression', FILE],
      [renamed, 'fixed', FILE],
    ]);
    // Without the rename map, the same tests look new.
    expect(compareReports(headReport, baseReport).map((entry) => entry.change)).toEqual(['new-failing', 'passing']);
  });

  it('does not match a test of the same name in another file', () => {
    const [entry] = compareReports(report([failing('prompts/a.prompt.yaml', 'greeting')]), report([passing('prompts/b.prompt.yaml', 'greeting')]));
    expect(entry!.change).toBe('new-failing');
  });

  it('without a base report, failing tests are new failures and passing ones pass', () => {
    const entries = compareReports(report([failing(FILE, 'a'), passing(FILE, 'b'), errored(FILE, 'c')]), undefined);
    expect(entries.map((entry) => entry.change)).toEqual(['new-failing', 'passing', 'errored']);
  });
});
