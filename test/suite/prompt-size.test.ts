// Placeholders multiply what a file holds: `{{a}}` written 2,000 times over a 100 kB value renders
// a 200 MB prompt per test, and a few such tests exhausted the heap before any call. The rendered
// size is bounded where the file is checked, without rendering it.
import { describe, expect, it } from 'vitest';
import { planCases } from '../../src/pipeline.js';
import { loadSuite } from '../../src/suite/load.js';

function errorsOf(text: string): string[] {
  return loadSuite('p.prompt.yaml', text)
    .problems.filter((problem) => problem.severity === 'error')
    .map((problem) => `${problem.line}:${problem.column}: ${problem.message}`);
}

/** A file whose one message is `{{a}}` written `copies` times, with a value of `chars` characters. */
function multiplying(copies: number, chars: number, tests = 1): string {
  const content = '{{a}}'.repeat(copies);
  const value = 'x'.repeat(chars);
  const testList = Array.from({ length: tests }, (_, i) => `  - name: t${i}\n    vars: { a: ${value} }\n    assert: [{ contains: x }]\n`).join('');
  return `model: m\nmessages:\n  - role: user\n    content: "${content}"\ntests:\n${testList}`;
}

describe('the rendered prompt', () => {
  it('refuses a test whose filled-in prompt passes 4,000,000 characters, at the message, naming the test', () => {
    // 2,000 × 100,000 = 200,000,000 characters.
    expect(errorsOf(multiplying(2000, 100_000))).toEqual([
      '4:14: test "t0": this prompt, with its placeholders filled, is 200,000,000 characters; at most 4,000,000 are allowed (about a million tokens): use shorter values, or fewer placeholders',
    ]);
  });

  it('accepts a prompt of exactly 4,000,000 characters', () => {
    // 40 copies of 100,000 characters, and nothing else in the message.
    expect(errorsOf(multiplying(40, 100_000))).toEqual([]);
  });

  it('refuses a file whose tests together pass 100,000,000 characters', () => {
    // 30 tests of 3,900,000 characters each: every one fits, together 117,000,000 do not.
    const errors = errorsOf(multiplying(39, 100_000, 30));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^4:14: the tests' prompts, with their placeholders filled, add up to more than 100,000,000 characters by test "t25"/);
  });

  it('refuses a run whose files together pass 100,000,000 characters, before planning a case', () => {
    const suites = Array.from({ length: 3 }, (_, i) => {
      const { suite, problems } = loadSuite(`p${i}.prompt.yaml`, multiplying(39, 100_000, 10));
      expect(problems).toEqual([]);
      return suite!;
    });
    const planned = planCases(suites, { tests: [] });
    expect(planned.cases).toEqual([]);
    expect(planned.problems.map((problem) => problem.message)).toEqual([
      "this run's prompts, with their placeholders filled, add up to 117,000,000 characters; at most 100,000,000 are allowed in one run: select fewer files or tests",
    ]);
  });
});
