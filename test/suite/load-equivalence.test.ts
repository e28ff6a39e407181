// loadSuite reads most files with the fast loader (js-yaml and a light position tree) and the rest
// with the precise one (yaml's Document). Whichever it uses, the result — suite, problems, every
// span, line and column — must be the one the precise loader gives. These tests compare the two
// on the project's own prompt files, on hand-picked corner cases and on generated files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadSuiteFast } from '../../src/suite/fast/load-fast.js';
import { loadSuite, loadSuitePrecisely } from '../../src/suite/load.js';
import { generatePromptFile } from './equivalence/prompt-files.js';
import { generateCommentProbe, generateFlowProbe } from './equivalence/layout-probes.js';
import { generateScalarProbe } from './equivalence/scalar-probes.js';
import { SNIPPETS } from './equivalence/snippets.js';

/** Checks both loaders agree; true when the fast loader vouched for the file itself. */
function expectSameAsPrecise(file: string, text: string): boolean {
  const precise = loadSuitePrecisely(file, text);
  const fast = loadSuiteFast(file, text);
  if (fast) expect(fast, `fast loader on ${file}`).toStrictEqual(precise);
  expect(loadSuite(file, text), `loadSuite on ${file}`).toStrictEqual(precise);
  return fast !== undefined;
}

function promptFilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => /\.ya?ml$/.test(path))
    .map((path) => join(dir, path).split('\\').join('/'));
}

describe('the fast loader gives what the precise loader gives', () => {
  test('for every prompt file in the repository', () => {
    const files = [...promptFilesUnder('test/fixtures'), ...promptFilesUnder('prompts')];
    expect(files.length).toBeGreaterThan(5);
    const fast = files.filter((file) => expectSameAsPrecise(file, readFileSync(file, 'utf8')));
    // Problem-free files take the fast path; the fixtures with warnings cannot.
    expect(fast).toContain('test/fixtures/suites/refund.prompt.yaml');
    expect(fast).toContain('prompts/examples/support-reply.prompt.yaml');
  });

  test.each(Object.entries(SNIPPETS))('for %s', (name, text) => {
    expectSameAsPrecise(`${name.replace(/\W+/g, '-')}.prompt.yaml`, text);
  });

  test('for 400 generated files in random styles, some broken on purpose', () => {
    let fast = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { name, text } = generatePromptFile(seed);
      if (expectSameAsPrecise(name, text)) fast++;
    }
    // Not a vacuous comparison: about half of the generated files are problem-free and read fast.
    expect(fast).toBeGreaterThan(120);
  });

  test('for 1,500 files with one odd value in any scalar style', () => {
    let fast = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      if (expectSameAsPrecise('probe.prompt.yaml', generateScalarProbe(seed))) fast++;
    }
    expect(fast).toBeGreaterThan(400);
  });

  test('for 800 files whose tests end deep inside, followed by comments at every indentation', () => {
    let fast = 0;
    for (let seed = 1; seed <= 800; seed++) {
      if (expectSameAsPrecise('probe.prompt.yaml', generateCommentProbe(seed))) fast++;
    }
    expect(fast).toBeGreaterThan(400);
  });

  test('for 800 files with nested flow collections spread over lines', () => {
    let fast = 0;
    for (let seed = 1; seed <= 800; seed++) {
      if (expectSameAsPrecise('probe.prompt.yaml', generateFlowProbe(seed))) fast++;
    }
    expect(fast).toBeGreaterThan(150);
  });
});

describe('when the fast loader steps aside', () => {
  test('it reads a problem-free file in the subset it models', () => {
    expect(loadSuiteFast('a.prompt.yaml', SNIPPETS['benchmark shape']!)?.suite?.tests).toHaveLength(2);
    expect(loadSuiteFast('a.prompt.yaml', SNIPPETS['comments after the last value, at every indentation']!)).toBeDefined();
  });

  test('any problem, even a warning, leaves the file to the precise loader', () => {
    expect(loadSuiteFast('a.prompt.yaml', SNIPPETS['a file with a problem']!)).toBeUndefined();
    // Its only problem is the warning that a template file without testData has nothing to run.
    expect(loadSuiteFast('a.prompt.yml', readFileSync('test/fixtures/gh-models/examples_template_variables_prompt.yml', 'utf8'))).toBeUndefined();
  });

  test('a GitHub Models file with built-in evaluators has no problem now that they are graded, so it reads fast', () => {
    const text = readFileSync('test/fixtures/gh-models/examples_sample_prompt.yml', 'utf8');
    expect(loadSuiteFast('a.prompt.yml', text)?.problems).toEqual([]);
    expect(expectSameAsPrecise('a.prompt.yml', text)).toBe(true);
  });

  test('YAML it does not model is left to the precise loader, which still reads it', () => {
    for (const name of ['anchors and aliases', 'tags', 'explicit keys', 'a byte order mark']) {
      const text = SNIPPETS[name]!;
      expect(loadSuiteFast('a.prompt.yaml', text), name).toBeUndefined();
      expect(loadSuite('a.prompt.yaml', text).suite, name).toBeDefined();
    }
  });

  test('files js-yaml accepts but yaml refuses get yaml’s errors', () => {
    for (const name of ['a flow continuation line not indented enough', 'an under-indented multi-line quoted scalar']) {
      const { suite, problems } = loadSuite('a.prompt.yaml', SNIPPETS[name]!);
      expect(suite, name).toBeUndefined();
      expect(problems[0]?.message, name).toMatch(/^YAML syntax error: /);
    }
    // An indentation mistake, which yaml refuses, is explained in the file's terms.
    const { suite, problems } = loadSuite('a.prompt.yaml', SNIPPETS['list items out of line, which js-yaml accepts and yaml refuses']!);
    expect(suite).toBeUndefined();
    expect(problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.line}:${problem.column} ${problem.message}`)).toEqual([
      '10:7 this list item is indented 6 spaces but the other items of `items:` start at column 9 (8 spaces): line it up with the `-` on line 9',
    ]);
  });
});
