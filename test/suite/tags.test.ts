import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.js';
import { scoreTest } from '../../src/run/score.js';
import { expandSuite } from '../../src/suite/expand.js';

const file = (fileTags: string, testTags: string) =>
  ['model: m', fileTags, 'messages:', '  - role: user', '    content: hi', 'tests:', '  - name: a', testTags, '    assert: [{contains: x}]', '  - name: b', '    assert: [{contains: x}]', ''].join('\n');

describe('tags', () => {
  it('gives each test its file’s tags, then its own, each once', () => {
    const { suite, problems } = loadSuite('a.yml', file('tags: [safety, billing]', '    tags: [refunds, safety]'));
    expect(problems).toEqual([]);
    expect(suite!.tests.map((test) => test.tags)).toEqual([['safety', 'billing', 'refunds'], ['safety', 'billing']]);
  });

  it('leaves a test without tags without the field, and carries a test’s tags into its result', () => {
    const { suite } = loadSuite('a.yml', file('', '    tags: [safety]'));
    expect(suite!.tests[1]!.tags).toBeUndefined();
    const [first] = expandSuite(suite!, { model: 'm' });
    const result = scoreTest(first!, []);
    expect(result.tags).toEqual(['safety']);
  });

  it('refuses a tag a gate or a heading could not name, at its line and column, saying what a tag may hold', () => {
    const { suite, problems } = loadSuite('a.yml', file('tags: ["bad tag"]', '    tags: safety'));
    expect(suite).toBeUndefined();
    expect(problems.map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      '2:8 "bad tag" (item 1 of tags) is not a valid tag: use letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters (e.g. `safety`, `billing-v2`)',
      '8:11 expected a list (lines starting with "- ") for tags, got "safety"',
    ]);
  });
});
