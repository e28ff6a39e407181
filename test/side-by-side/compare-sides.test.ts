import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE_SETTINGS, type CompareSettings } from '../../src/compare/design.js';
import { planCases } from '../../src/pipeline.js';
import { buildReport } from '../../src/run/score.js';
import { compareSides } from '../../src/side-by-side/compare-sides.js';
import { loadSuite } from '../../src/suite/load.js';
import type { Case, RunReport, Suite } from '../../src/types.js';

// The orchestrator on its own: cases are answered by a function of the prompt and the sample
// number, so every count below is worked out from the script, not read from the code.

function suiteOf(file: string, system: string, tests: string[]): Suite {
  const yaml = [
    'model: m',
    'messages:',
    `  - role: system`,
    `    content: ${JSON.stringify(system)}`,
    '  - role: user',
    '    content: "{{q}}"',
    'tests:',
    ...tests.flatMap((name) => [`  - name: ${name}`, `    vars: { q: ${JSON.stringify(name)} }`, '    assert:', '      - contains: "yes"']),
  ].join('\n');
  const loaded = loadSuite(file, yaml);
  if (!loaded.suite) throw new Error(JSON.stringify(loaded.problems));
  return loaded.suite;
}

/** Answers `yes` or `no` from the system prompt, the test's question and the sample number. */
type Script = (system: string, question: string, sample: number) => string;

function ports(script: Script) {
  const planned: Case[][] = [];
  return {
    planned,
    ports: {
      plan: (suites: Suite[], samples: Parameters<typeof planCases>[1]['samples']) =>
        planCases(suites, { tests: [], ...(samples ? { samples } : {}) }),
      run: async (cases: Case[]): Promise<RunReport> => {
        planned.push(cases);
        const outcomes = cases.map((testCase) => ({
          ok: true as const,
          completion: { output: script(testCase.messages[0]!.content, testCase.messages[1]!.content, testCase.sample), latencyMs: 1, cached: false },
        }));
        return buildReport(cases, outcomes, { startedAt: '2026-12-05T00:00:00.000Z', durationMs: 0, requests: cases.length, cacheHits: 0, version: 'test' });
      },
    },
  };
}

const settings: CompareSettings = DEFAULT_COMPARE_SETTINGS;

describe('compareSides', () => {
  it('stops a steady test that answers the same on both sides after the first look, as unchanged', async () => {
    const { ports: p, planned } = ports(() => 'yes');
    const { head, base } = await compareSides({ head: [suiteOf('a.yml', 'new', ['t'])], base: [suiteOf('a.yml', 'old', ['t'])], settings }, p);
    expect(planned).toHaveLength(1);
    expect(head.results[0]!.comparison).toMatchObject({ change: 'unchanged', base: { passed: 4, samples: 4 }, head: { passed: 4, samples: 4 }, stopped: 'identical' });
    expect(base!.results[0]!.samples).toHaveLength(4);
    expect(head.summary.comparison).toMatchObject({ unchanged: 1, regression: 0, calls: 8, budget: 20, maxSamples: 24 });
  });

  it('calls a steady flip a regression at the second look: 8/8 against 0/8 is p = 1/C(16,8), under the 10% share that look spends', async () => {
    const { ports: p, planned } = ports((system) => (system === 'old' ? 'yes' : 'no'));
    const { head } = await compareSides({ head: [suiteOf('a.yml', 'new', ['t'])], base: [suiteOf('a.yml', 'old', ['t'])], settings }, p);
    // At the first look 4/4 against 0/4 is p = 1/70, and 1/70 ÷ 0.05 is far from 0.05: a second look.
    expect(planned.map((round) => round.map((testCase) => testCase.sample))).toEqual([
      [0, 1, 2, 3, 0, 1, 2, 3],
      [4, 5, 6, 7, 4, 5, 6, 7],
    ]);
    const comparison = head.results[0]!.comparison!;
    expect(comparison).toMatchObject({ change: 'regression', base: { passed: 8, samples: 8 }, head: { passed: 0, samples: 8 }, stopped: 'significant' });
    expect(comparison.pValue).toBeCloseTo(1 / 12870 / 0.1, 10);
    expect(head.results[0]!.passAll).toBe(false);
  });

  it('runs a test the base does not have once with its own repeat, as new, and never samples it again', async () => {
    const { ports: p, planned } = ports(() => 'no');
    const { head, base } = await compareSides({ head: [suiteOf('b.yml', 'x', ['fresh'])], base: [], settings }, p);
    expect(planned.flat().map((testCase) => testCase.sample)).toEqual([0]);
    expect(head.results[0]!.comparison).toEqual({ change: 'new', head: { passed: 0, samples: 1, interval: { low: 0, high: expect.any(Number) } } });
    expect(base).toBeUndefined();
    expect(head.summary.comparison).toMatchObject({ new: 1, calls: 0 });
  });

  it('pairs a renamed file with its base path', async () => {
    const { ports: p } = ports(() => 'yes');
    const { head } = await compareSides(
      { head: [suiteOf('new.yml', 'x', ['t'])], base: [suiteOf('old.yml', 'x', ['t'])], renamedFrom: new Map([['new.yml', 'old.yml']]), settings },
      p,
    );
    expect(head.results[0]!.file).toBe('new.yml');
    expect(head.results[0]!.comparison!.change).toBe('unchanged');
  });

  it('stops at the budget: with 8 calls a test only the first look runs, and a test still leaning to a change is inconclusive', async () => {
    const { ports: p, planned } = ports((system) => (system === 'old' ? 'yes' : 'no'));
    const { head } = await compareSides({ head: [suiteOf('a.yml', 'new', ['t'])], base: [suiteOf('a.yml', 'old', ['t'])], settings: { ...settings, budgetPerTest: 8 } }, p);
    expect(planned).toHaveLength(1);
    expect(head.results[0]!.comparison).toMatchObject({ change: 'inconclusive', stopped: 'budget', base: { passed: 4, samples: 4 }, head: { passed: 0, samples: 4 } });
  });

  it('with a fixed number of samples (--repeat) takes one look of that many, and 3/6 against 3/6 leans nowhere', async () => {
    const { ports: p, planned } = ports((_system, _question, sample) => (sample % 2 === 0 ? 'yes' : 'no'));
    const { head } = await compareSides({ head: [suiteOf('a.yml', 'new', ['t'])], base: [suiteOf('a.yml', 'old', ['t'])], settings, fixedSamples: 6 }, p);
    expect(planned).toHaveLength(1);
    expect(head.results[0]!.comparison).toMatchObject({ change: 'unchanged', base: { passed: 3, samples: 6 }, head: { passed: 3, samples: 6 }, stopped: 'no-change' });
  });

  it('leaves errored samples out of the counts: a side with nothing evaluated is inconclusive, never a regression', async () => {
    const { ports: p } = ports(() => 'yes');
    const erroring = {
      plan: p.plan,
      run: async (cases: Case[]) => {
        const outcomes = cases.map((testCase) =>
          testCase.suite.file.endsWith('a.yml') && testCase.messages[0]!.content === 'new'
            ? { ok: false as const, failure: { message: 'boom', attempts: 1 } }
            : { ok: true as const, completion: { output: 'yes', latencyMs: 1, cached: false } },
        );
        return buildReport(cases, outcomes, { startedAt: '2026-12-05T00:00:00.000Z', durationMs: 0, requests: 0, cacheHits: 0, version: 'test' });
      },
    };
    const { head } = await compareSides({ head: [suiteOf('a.yml', 'new', ['t'])], base: [suiteOf('a.yml', 'old', ['t'])], settings }, erroring);
    expect(head.results[0]!.status).toBe('errored');
    expect(head.results[0]!.comparison).toMatchObject({ change: 'inconclusive', stopped: 'no-evidence', head: { passed: 0, samples: 0 } });
  });
});

describe('compareSides against a recorded baseline', () => {
  async function recorded(answer: string, samples: number, tests: string[]): Promise<RunReport> {
    const { ports: p } = ports(() => answer);
    const suite = suiteOf('a.yml', 'old', tests);
    return p.run(planCases([suite], { tests: [], repeat: samples }).cases);
  }

  it('samples only the head: 10/10 recorded against a head that always fails is a regression at the first look of 4 head samples', async () => {
    const baseline = await recorded('yes', 10, ['t', 'gone']);
    const { ports: p, planned } = ports(() => 'no');
    const { head, base, removed } = await compareSides({ head: [suiteOf('a.yml', 'new', ['t'])], base: [], baseline, settings }, p);
    // 10/10 against 0/4 is p = 1/C(14,4) = 1/1001; spent at the first look's 5% share that is 0.02, under
    // the 0.05 one compared test allows: a discovery at once.
    expect(planned.map((round) => round.map((testCase) => `${testCase.suite.file}#${testCase.sample}`))).toEqual([['a.yml#0', 'a.yml#1', 'a.yml#2', 'a.yml#3']]);
    expect(head.results[0]!.comparison).toMatchObject({ change: 'regression', base: { passed: 10, samples: 10 }, head: { passed: 0, samples: 4 } });
    expect(head.results[0]!.comparison!.pValue).toBeCloseTo(1 / 1001 / 0.05, 10);
    expect(head.summary.comparison!.calls).toBe(4);
    expect(base!.results.map((result) => result.test)).toEqual(['t']);
    expect(removed).toEqual([{ file: 'a.yml', test: 'gone' }]);
    // Counted in the summary too, for the results file: a removed test has no entry of its own there.
    expect(head.summary.comparison!.removed).toBe(1);
  });
});

describe('compareSides when the run is stopped', () => {
  it('starts no further round once the signal is aborted, and says the undecided test was interrupted', async () => {
    const stop = new AbortController();
    const { ports: p, planned } = ports((system) => (system === 'old' ? 'yes' : 'no'));
    const stopping = { plan: p.plan, run: async (cases: Case[]) => (stop.abort(), p.run(cases)) };
    const { head } = await compareSides({ head: [suiteOf('a.yml', 'new', ['t'])], base: [suiteOf('a.yml', 'old', ['t'])], settings, signal: stop.signal }, stopping);
    // 4/4 against 0/4 wants a second look (see above); the stop comes first.
    expect(planned).toHaveLength(1);
    expect(head.results[0]!.comparison).toMatchObject({ change: 'inconclusive', stopped: 'interrupted' });
  });
});
