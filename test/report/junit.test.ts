import { describe, expect, it } from 'vitest';
import { toJUnit } from '../../src/report/junit.js';
import { buildCostedReport, buildReport, erroredTest, failingTest, flakyTest, passingTest } from './fixtures.js';
import { findAll, parseXml } from './xml-check.js';

describe('toJUnit', () => {
  const xml = toJUnit(buildReport());
  const root = parseXml(xml);

  it('has one testsuite per prompt file and one testcase per test', () => {
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '4', failures: '2', errors: '1', time: '4.200' });
    const suites = findAll(root, 'testsuite');
    expect(suites.map((suite) => [suite.attributes.name, suite.attributes.tests, suite.attributes.failures, suite.attributes.errors])).toEqual([
      ['prompts/refund.prompt.yaml', '2', '1', '0'],
      ['prompts/summary.prompt.yml', '2', '1', '1'],
    ]);
    const cases = findAll(root, 'testcase');
    expect(cases.map((testcase) => [testcase.attributes.classname, testcase.attributes.name, testcase.attributes.time])).toEqual([
      ['prompts/refund.prompt.yaml', 'mentions the refund window', '0.812'],
      ['prompts/refund.prompt.yaml', 'answers without apologising', '1.250'],
      ['prompts/summary.prompt.yml', 'starts with Summary', '2.000'],
      ['prompts/summary.prompt.yml', 'handles an empty document', '0.000'],
    ]);
  });

  it('writes a passing test as an empty testcase', () => {
    expect(xml).toContain('<testcase classname="prompts/refund.prompt.yaml" name="mentions the refund window" file="prompts/refund.prompt.yaml" line="12" time="0.812" />');
  });

  it('gives a failure the failing reasons as its message and the reasons and output as its body', () => {
    const [failure] = findAll(findAll(root, 'testcase')[1]!, 'failure');
    expect(failure!.attributes.message).toBe(
      'contains: expected output to contain "30 days"; not-icontains "no apology": expected output not to contain "sorry" (case-insensitive)',
    );
    expect(failure!.text).toBe(
      [
        'contains: expected output to contain "30 days"',
        'not-icontains "no apology": expected output not to contain "sorry" (case-insensitive)',
        '',
        'vars: question="Refund?", orderId=12345',
        '',
        'output:',
        "I'm sorry, I can't help with returns.",
        'Please contact support.',
      ].join('\n'),
    );
  });

  it('puts the flaky tally first in a flaky failure', () => {
    const [failure] = findAll(findAll(root, 'testcase')[2]!, 'failure');
    expect(failure!.attributes.message).toBe('flaky 3/5 passed, needs 80%; contains: expected output to contain "Summary:"');
  });

  it('reports a provider error as <error>, not <failure>', () => {
    const errored = findAll(root, 'testcase')[3]!;
    expect(findAll(errored, 'failure')).toEqual([]);
    expect(findAll(errored, 'error')[0]!.attributes.message).toBe('HTTP 429: rate limit exceeded (after 3 attempts)');
  });

  it('escapes hostile names, reasons and output so the file stays well-formed', () => {
    const hostile = '<b>&"\'</b> ]]> <![CDATA[x]]> \u0000\u0001\u001b[31m \uFFFE \uD800 tab\there\r\nnext';
    const report = buildReport([
      failingTest({
        file: 'prompts/<odd>&.yaml',
        test: hostile,
        output: hostile,
        assertions: [{ type: 'contains', pass: false, score: 0, reason: hostile }],
      }),
      erroredTest({ error: hostile }),
      passingTest({ test: 'plain' }),
      flakyTest({ status: 'passed', pass: true }),
    ]);
    const hostileXml = toJUnit(report);

    expect(hostileXml).not.toContain(']]>');
    expect(hostileXml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
    const tree = parseXml(hostileXml);
    const visible = '<b>&"\'</b> ]]> <![CDATA[x]]> \\x00\\x01\\x1b[31m \\ufffe \\ud800 tab\there\nnext';
    const [failingCase, erroredCase] = findAll(tree, 'testcase');
    expect(failingCase!.attributes.name).toBe(visible);
    expect(failingCase!.attributes.classname).toBe('prompts/<odd>&.yaml');
    expect(findAll(failingCase!, 'failure')[0]!.attributes.message).toBe(`contains: ${visible}`);
    expect(findAll(failingCase!, 'failure')[0]!.text).toEndWith(`output:\n${visible}`);
    expect(findAll(erroredCase!, 'error')[0]!.attributes.message).toBe(visible);
  });

  it('cuts very long output', () => {
    const report = buildReport([failingTest({ output: 'y'.repeat(50_000) })]);
    const failure = findAll(parseXml(toJUnit(report)), 'failure')[0]!;
    expect(failure.text).toContain('more characters]');
    expect(failure.text.length).toBeLessThan(21_000);
  });
});

describe('toJUnit usage properties', () => {
  const properties = (suite: ReturnType<typeof parseXml>) =>
    findAll(suite, 'property').map((property) => [property.attributes.name, property.attributes.value]);

  it('gives each testsuite its tokens, cost and judge usage as properties, before the testcases', () => {
    const suites = findAll(parseXml(toJUnit(buildCostedReport())), 'testsuite');
    expect(suites[0]!.children[0]!.name).toBe('properties');
    expect(properties(suites[0]!)).toEqual([
      ['promptgate.tokens', '155'],
      ['promptgate.cost_usd', '0.0015'],
      ['promptgate.judge.calls', '2'],
      ['promptgate.judge.tokens', '320'],
      ['promptgate.judge.cost_usd', '0.00005'],
    ]);
    expect(properties(suites[1]!)).toEqual([
      ['promptgate.tokens', '350'],
      ['promptgate.cost_usd', '0.002'],
    ]);
  });

  it('has only tokens when nothing was priced or graded', () => {
    const suites = findAll(parseXml(toJUnit(buildReport())), 'testsuite');
    expect(properties(suites[0]!)).toEqual([['promptgate.tokens', '155']]);
  });
});

describe('the XML check used above', () => {
  it('rejects what would break a JUnit reader', () => {
    expect(() => parseXml('<a>&</a>')).toThrow('bare "&"');
    expect(() => parseXml('<a><b></a>')).toThrow('closes');
    expect(() => parseXml('<a x="<">y</a>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow('XML 1.0');
    expect(() => parseXml('<a>\uD800</a>')).toThrow('XML 1.0');
    expect(parseXml('<a x="&quot;&#10;">&lt;&#x41;</a>')).toEqual({ name: 'a', attributes: { x: '"\n' }, children: [], text: '<A' });
  });
});
