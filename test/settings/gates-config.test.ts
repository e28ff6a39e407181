import { describe, expect, it } from 'vitest';
import { parseProjectConfig } from '../../src/settings/config.js';
import { gatesOf, scopesOfCases, unknownScopeProblems, unknownScopes } from '../../src/settings/gates.js';
import { planCases } from '../../src/pipeline.js';
import { loadSuite } from '../../src/suite/load.js';

const problemsOf = (text: string) => parseProjectConfig('promptgate.config.yaml', text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);

describe('gates in the config file', () => {
  it('reads each declaration as one gate, p95 by default for latency', () => {
    const { config, problems } = parseProjectConfig(
      'promptgate.config.yaml',
      ['gates:', '  - noRegression: true', '  - minPassRate: 1', '    tag: safety', '  - maxLatencyIncrease: 0.2', '  - maxCostIncrease: 0.1', '    file: prompts/a.yml', ''].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(gatesOf(config.gates)).toEqual([
      { kind: 'no-regression' },
      { kind: 'min-pass-rate', limit: 1, tag: 'safety' },
      { kind: 'max-latency-increase', limit: 0.2, percentile: 95 },
      { kind: 'max-cost-increase', limit: 0.1, file: 'prompts/a.yml' },
    ]);
  });

  it('refuses a gate with two measures, with both a tag and a file, or a percentile without latency, at the gate’s line', () => {
    expect(problemsOf(['gates:', '  - minPassRate: 0.9', '    maxErrored: 0', '  - noLostPass: true', '    tag: a', '    file: b.yml', '  - minPassRate: 1', '    percentile: 50', ''].join('\n'))).toEqual([
      '2:5 a gate names one measure (noRegression, noLostPass, minPassRate, maxErrored, maxCostIncrease, maxLatencyIncrease); this one has minPassRate and maxErrored: split it into one gate a measure',
      '4:5 a gate looks at one tag or one file, not both: write two gates',
      '8:17 `percentile` belongs to a maxLatencyIncrease gate',
    ]);
  });

  it('refuses a pass rate above 1 through the schema, at its value', () => {
    expect(problemsOf('gates:\n  - minPassRate: 95\n')).toEqual(['2:18 minPassRate must be at most 1, got 95 (a fraction: 0.95 means 95% of the tests must pass)']);
  });

  it('names a gate whose tag or file the run does not have', () => {
    const gates = gatesOf([{ noRegression: true, tag: 'safety' }, { minPassRate: 1, file: 'x.yml' }, { maxErrored: 0, tag: 'billing' }]);
    expect(unknownScopes(gates, [{ file: 'a.yml', tags: ['billing'] }])).toEqual([
      'a gate names the tag "safety", which no selected test has',
      'a gate names the file "x.yml", which is not among the files run',
    ]);
  });

  it('refuses a gate the run cannot measure at the line of its tag or file, or of the gate when it has neither', () => {
    const { gates } = parseProjectConfig('promptgate.config.yaml', ['gates:', '  - noRegression: true', '  - minPassRate: 1', '    tag: safety', '  - maxErrored: 0', '    file: x.yml', ''].join('\n'));
    expect(gates.map(({ at }) => `${at.line}:${at.column}`)).toEqual(['2:5', '4:10', '6:11']);
    expect(unknownScopeProblems(gates, [{ file: 'a.yml', tags: ['billing'] }]).map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([
      'promptgate.config.yaml:4:10 a gate names the tag "safety", which no selected test has: correct the gate, or select its tests',
      'promptgate.config.yaml:6:11 a gate names the file "x.yml", which is not among the files run: correct the gate, or select its tests',
    ]);
  });

  it('checks scopes once a test, however many samples it has', () => {
    const { suite } = loadSuite('a.yml', 'model: m\ntags: [safety]\nrepeat: 3\nmessages:\n  - role: user\n    content: hi\ntests:\n  - name: a\n    assert: [{contains: x}]\n  - name: b\n    tags: [billing]\n    assert: [{contains: x}]\n');
    const { cases } = planCases([suite!], { tests: [] });
    expect(cases).toHaveLength(6);
    expect(scopesOfCases(cases)).toEqual([
      { file: 'a.yml', tags: ['safety'] },
      { file: 'a.yml', tags: ['safety', 'billing'] },
    ]);
  });
});
