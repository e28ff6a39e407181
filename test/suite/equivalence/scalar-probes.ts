// Small prompt files whose one odd value is pieced together from YAML's sharp edges — quotes,
// escapes, line breaks, tabs, indicators, comments — in every scalar style and in block and flow
// context. Denser than whole generated files at finding values the two parsers read differently.
import { Random } from './random.js';

const PIECES = [
  'a', 'b', ' ', '  ', '\t', '\n', '\n  ', '\n    ', '\n\n', '\n \n', '\r\n', '\\', '\\n', '\\t', '\\"', '\\ ', '\\\n', '\\\n\n',
  '\\x41', '\\U0001F600', "'", "''", '"', '#', ' #', ':', ': ', '-', '- ', '?', ',', '[', ']', '{', '}', '|', '>', '!', '&',
  '*', '%', '@', '`', '\u00a0', 'é', '😀', '{{q}}', '0', '1', '.', 'e', 'x', 'true', 'null', '~',
];

export function generateScalarProbe(seed: number): string {
  const random = new Random(seed);
  const body = Array.from({ length: 1 + random.int(8) }, () => random.pick(PIECES)).join('');
  const value = random.pick([
    `"${body}"`,
    `'${body}'`,
    body,
    `|\n      ${body.replace(/\n/g, '\n      ')}`,
    `>-\n      ${body}`,
  ]);
  const head = 'messages:\n  - role: user\n';
  switch (random.int(3)) {
    case 0:
      return `${head}    content: "{{q}}"\ntests:\n  - vars:\n      q: 1\n      v: ${value}\n    assert:\n      - contains: x\n`;
    case 1:
      return `${head}    content: "{{q}}"\ntests:\n  - vars: {q: 1, v: ${value}}\n`;
    default:
      return `${head}    content: ${value}\ntests:\n  - vars: {q: 1}\n`;
  }
}
