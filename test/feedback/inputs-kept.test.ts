import { describe, expect, it } from 'vitest';
import { changedInputs } from '../../src/suggest/inputs-kept.js';
import { loadSuite } from '../../src/suite/load.js';
import type { Suite } from '../../src/types.js';

function suite(text: string): Suite {
  const { suite, problems } = loadSuite('p.prompt.yaml', text);
  // An edit that drops a placeholder leaves its variable unused, which is only a warning.
  expect(problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  return suite!;
}

/** A file whose prompt is `messages` (YAML lines), with the same tests every time. */
function withMessages(messages: string, tests = SHOP_TESTS): Suite {
  return suite(`model: m\nmessages:\n${messages}\ntests:\n${tests}`);
}

const SHOP_TESTS = [
  '  - name: one',
  '    vars: { question: "Open on Sunday?", shop: { name: Acme, city: Oslo } }',
  '    assert: [{ contains: "{{shop.city}}" }]',
  '  - name: two',
  '    vars: { question: "Open late?", shop: { name: Bolt, city: Rome } }',
  '    assert: [{ contains: "{{shop.city}}" }]',
  '',
].join('\n');

const BEFORE = withMessages('  - { role: system, content: "You answer for {{shop.name}}." }\n  - { role: user, content: "{{question}}" }');

describe('changedInputs', () => {
  it('accepts an edit that keeps every placeholder, wherever it now sits', () => {
    expect(changedInputs(BEFORE, withMessages('  - { role: user, content: "For {{ shop.name }}, briefly: {{question}}" }'))).toBeUndefined();
  });

  it('refuses an edit that replaces a placeholder with fixed text', () => {
    const after = withMessages('  - { role: system, content: "You answer for {{shop.name}}." }\n  - { role: user, content: "Open on Sunday?" }');
    expect(changedInputs(BEFORE, after)).toBe(
      "the edit stops using {{question}}, which the tests set: the prompt would no longer see the tests' inputs, so passing them would prove nothing; keep it in the messages",
    );
  });

  it('names every dropped input, dotted paths included', () => {
    const after = withMessages('  - { role: user, content: "Answer the customer." }');
    expect(changedInputs(BEFORE, after)).toMatch(/^the edit stops using \{\{shop\.name\}\} and \{\{question\}\}, which the tests set: .*; keep them in the messages$/);
  });

  it('accepts {{shop}} in place of {{shop.name}}: the whole mapping shows the name too', () => {
    const after = withMessages('  - { role: system, content: "You answer for this shop: {{shop}}" }\n  - { role: user, content: "{{question}}" }');
    expect(changedInputs(BEFORE, after)).toBeUndefined();
  });

  it('refuses {{shop.name}} in place of {{shop}}: the rest of the mapping is no longer seen', () => {
    const before = withMessages('  - { role: system, content: "The shop: {{shop}}" }\n  - { role: user, content: "{{question}}" }');
    const after = withMessages('  - { role: system, content: "The shop: {{shop.name}}" }\n  - { role: user, content: "{{question}}" }');
    expect(changedInputs(before, after)).toMatch(/^the edit stops using \{\{shop\}\}, which the tests set/);
  });

  it('refuses a parent for a key spelled with dots, which only its own name reaches', () => {
    const tests = '  - name: one\n    vars: { "shop.name": Acme, shop: { city: Oslo }, question: q }\n';
    const before = withMessages('  - { role: user, content: "{{shop.name}}: {{question}}" }', tests);
    const after = withMessages('  - { role: user, content: "{{shop}}: {{question}}" }', tests);
    expect(changedInputs(before, after)).toMatch(/^the edit stops using \{\{shop\.name\}\}/);
  });

  it('refuses an edit that shows the prompt a var only the assertions used', () => {
    const after = withMessages(
      '  - { role: system, content: "You answer for {{shop.name}} in {{shop.city}}." }\n  - { role: user, content: "{{question}}" }',
    );
    expect(changedInputs(BEFORE, after)).toBe(
      'the edit puts {{shop.city}} into the prompt, which only the assertions used before: the prompt would be shown what the tests check for',
    );
  });

  it("refuses putting a GitHub Models row's expected answer into the prompt when github/similarity compares with it", () => {
    const file = (content: string) =>
      suite(
        [
          'model: m',
          'messages:',
          `  - { role: user, content: "${content}" }`,
          'testData:',
          '  - { input: hello, expected: a greeting }',
          'evaluators:',
          '  - { name: close, uses: github/similarity }',
          '',
        ].join('\n'),
      );
    expect(changedInputs(file('{{input}}'), file('{{input}} (answer like: {{expected}})'))).toMatch(/^the edit puts \{\{expected\}\} into the prompt/);
    expect(changedInputs(file('{{input}}'), file('Say: {{input}}'))).toBeUndefined();
  });
});
