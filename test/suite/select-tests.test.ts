// `--test` takes a name as written or a pattern (`*` any run of characters, `?` one), and a re-run
// (`--failed-from`) keeps only the tests listed by file and name; planning a run with several
// models renders each test's messages once.
import { describe, expect, it } from 'vitest';
import { planCases } from '../../src/pipeline.js';
import { loadSuite } from '../../src/suite/load.js';
import { nameMatcher, selectTests, testFilter, testKey } from '../../src/suite/select-tests.js';
import type { Suite } from '../../src/types.js';

function suite(file: string, names: string[]): Suite {
  const tests = names.map((name) => `  - name: ${JSON.stringify(name)}\n    vars: { q: ${JSON.stringify(name)} }\n    assert: [{ contains: x }]\n`).join('');
  const loaded = loadSuite(file, `model: m\nmessages:\n  - role: user\n    content: "{{q}}"\ntests:\n${tests}`);
  if (!loaded.suite) throw new Error(JSON.stringify(loaded.problems));
  return loaded.suite;
}

describe('nameMatcher', () => {
  it('matches a name as written, or by * and ?', () => {
    const names = ['refund window', 'refund / EU', 'refund', 'status', 'refund [EU]', 'a.b', 'axb'];
    const matching = (pattern: string) => names.filter(nameMatcher(pattern));
    expect(matching('refund*')).toEqual(['refund window', 'refund / EU', 'refund', 'refund [EU]']);
    expect(matching('*EU*')).toEqual(['refund / EU', 'refund [EU]']);
    expect(matching('stat?s')).toEqual(['status']);
    expect(matching('refund')).toEqual(['refund']);
    // Everything else is literal: a bracket, a dot, a slash.
    expect(matching('refund [EU]')).toEqual(['refund [EU]']);
    expect(matching('a.b')).toEqual(['a.b']);
    expect(matching('?.b')).toEqual(['a.b']);
    expect(matching('*/*')).toEqual(['refund / EU']);
  });

  it('counts ? as one character, however it is encoded', () => {
    expect(['café', 'cafe', 'caf'].filter(nameMatcher('caf?'))).toEqual(['café', 'cafe']);
    expect(['😀!', '😀'].filter(nameMatcher('?!'))).toEqual(['😀!']);
  });
});

describe('selectTests', () => {
  const suites = [suite('a.prompt.yaml', ['one', 'two', 'three']), suite('b.prompt.yaml', ['two', 'four'])];

  it('keeps the tests a name or pattern selects, and says which selected nothing', () => {
    const selected = selectTests(suites, { names: ['t*', 'five', 'f?ve'] });
    expect(selected.suites.map((kept) => `${kept.file}: ${kept.tests.map((test) => test.name).join(', ')}`)).toEqual([
      'a.prompt.yaml: two, three',
      'b.prompt.yaml: two',
    ]);
    expect(selected.unmatched).toEqual(['five', 'f?ve']);
  });

  it('keeps only the tests listed by file and name, and judges the names before that', () => {
    const only = new Set([testKey('b.prompt.yaml', 'two')]);
    const selected = selectTests(suites, { names: ['two', 'one'], only });
    expect(selected.suites.map((kept) => `${kept.file}: ${kept.tests.map((test) => test.name).join(', ')}`)).toEqual(['b.prompt.yaml: two']);
    // `one` names a test of the files, which did not fail: not an unknown name.
    expect(selected.unmatched).toEqual([]);
    expect(testFilter({ names: ['t*'], only })('b.prompt.yaml', 'two')).toBe(true);
    expect(testFilter({ names: ['t*'], only })('a.prompt.yaml', 'two')).toBe(false);
    expect(testFilter({ names: ['o*'], only })('b.prompt.yaml', 'two')).toBe(false);
  });
});

describe('planCases with several models', () => {
  it('plans each test once per model, the models in turn, sharing the rendered messages', () => {
    const planned = planCases([suite('a.prompt.yaml', ['one', 'two'])], { tests: [], models: ['x', 'y'], repeat: 2 });
    expect(planned.problems).toEqual([]);
    expect(planned.cases.map((testCase) => `${testCase.test.name}/${testCase.model}/${testCase.sample}`)).toEqual([
      'one/x/0', 'one/x/1', 'one/y/0', 'one/y/1',
      'two/x/0', 'two/x/1', 'two/y/0', 'two/y/1',
    ]);
    expect(planned.cases[2]!.messages).toBe(planned.cases[0]!.messages);
    expect(planned.cases[4]!.messages).not.toBe(planned.cases[0]!.messages);
  });

  it('counts every model in the limit on a run\'s calls', () => {
    const planned = planCases([suite('a.prompt.yaml', ['one'])], { tests: [], models: ['x', 'y', 'z'], repeat: 40_000 });
    expect(planned.cases).toEqual([]);
    expect(planned.problems.map((problem) => problem.message)).toEqual([
      'this run would make 120,000 model calls (a.prompt.yaml: 120,000); at most 100,000 are allowed in one run: select fewer files or tests, or sample fewer times (repeat)',
    ]);
  });
});
