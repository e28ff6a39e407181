import { describe, expect, it } from 'vitest';
import { loadSuite } from '../../src/suite/load.js';

function problemsOf(text: string): string[] {
  return loadSuite('x.prompt.yml', text).problems.map((problem) => `${problem.line}:${problem.column} ${problem.severity}: ${problem.message}`);
}

describe('GitHub Models evaluators that need the row\'s expected value', () => {
  const head = ['name: x', 'model: m', 'messages:', '  - role: user', '    content: "{{input}}"'];

  it('refuses each row without `expected` before any call, at the row', () => {
    const text = [
      ...head, //                                      1-5
      'testData:', //                                  6
      '  - input: hi', //                              7
      '    expected: hello', //                        8
      '  - input: bye', //                             9
      'evaluators:', //                                10
      '  - name: sim', //                              11
      '    uses: github/similarity', //                12
      '  - name: fluent', //                           13
      '    uses: github/fluency', //                   14
    ].join('\n');
    expect(problemsOf(text)).toEqual(["9:5 error: this row has no `expected`, which github/similarity compares the answer with; add expected: to the row"]);
  });

  it('asks nothing of rows when only evaluators without a reference are used', () => {
    const text = [...head, 'testData:', '  - input: hi', 'evaluators:', '  - name: r', '    uses: github/relevance'].join('\n');
    expect(problemsOf(text)).toEqual([]);
  });
});

describe('llm-rubric cannot be negated', () => {
  it('refuses not-llm-rubric in both forms, at the type, saying what to write instead', () => {
    const text = [
      'name: x',
      'model: m',
      'messages:',
      '  - role: user',
      '    content: hi',
      'tests:',
      '  - name: t',
      '    assert:',
      '      - not-llm-rubric: Apologises', //       9
      '      - type: not-llm-rubric', //             10
      '        value: Apologises',
    ].join('\n');
    const expected = '"not-llm-rubric" cannot be negated: write the opposite into the rubric instead (e.g. "does not promise a delivery date")';
    expect(problemsOf(text)).toEqual([`9:9 error: ${expected}`, `10:15 error: ${expected}`]);
  });
});

describe('llm evaluators', () => {
  it('warns that placeholders in systemPrompt are sent as written', () => {
    const text = [
      'name: x',
      'model: m',
      'messages:',
      '  - role: user',
      '    content: "{{input}}"',
      'testData:',
      '  - input: hi',
      'evaluators:',
      '  - name: judge',
      '    llm:',
      '      systemPrompt: "Grade the reply to {{input}}"', // 11
      '      prompt: "{{completion}}"',
      '      choices: [{choice: good, score: 1}, {choice: bad, score: 0}]',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      "11:21 warning: {{input}} in systemPrompt is sent to the judge as written (GitHub Models never filled it either); move it into `prompt`, where the row's values and {{completion}} are filled",
    ]);
  });
});
