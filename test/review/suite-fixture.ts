// A small prompt file loaded with the real loader, so spans are what the action will see. Line
// numbers are written next to each line: the tests' patches and expectations refer to them.
import { loadSuite } from '../../src/suite/load.js';
import type { Suite } from '../../src/types.js';

export const SUPPORT_FILE = 'prompts/support.prompt.yaml';

export const SUPPORT_TEXT = [
  /*  1 */ 'name: Support',
  /*  2 */ 'model: gpt-4o-mini',
  /*  3 */ 'messages:',
  /*  4 */ '  - role: system',
  /*  5 */ '    content: |',
  /*  6 */ '      You are a support assistant for {{shop}}.',
  /*  7 */ '      Be brief.',
  /*  8 */ '  - role: developer',
  /*  9 */ '    content: Never promise a refund outside the policy.',
  /* 10 */ '  - role: user',
  /* 11 */ '    content: "{{question}}"',
  /* 12 */ 'vars:',
  /* 13 */ '  shop: Acme',
  /* 14 */ 'assert:',
  /* 15 */ '  - max-words: 80',
  /* 16 */ '  - not-icontains: "as an ai"',
  /* 17 */ 'tests:',
  /* 18 */ '  - name: refund window',
  /* 19 */ '    vars:',
  /* 20 */ '      question: Can I get my money back?',
  /* 21 */ '    assert:',
  /* 22 */ '      - contains: "30 days"',
  /* 23 */ '      - icontains-any: [refund, money back]',
  /* 24 */ '  - name: greeting',
  /* 25 */ '    vars:',
  /* 26 */ '      question: Hi!',
  /* 27 */ '    assert:',
  /* 28 */ '      - max-length: 300',
  '',
].join('\n');

export function loadFixture(file: string, text: string): Suite {
  const { suite, problems } = loadSuite(file, text);
  if (!suite) throw new Error(`fixture does not load: ${JSON.stringify(problems)}`);
  return suite;
}

export const supportSuite = (): Suite => loadFixture(SUPPORT_FILE, SUPPORT_TEXT);
