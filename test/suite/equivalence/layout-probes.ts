// Prompt files built to probe where spans end and how flow collections read: tests whose last
// value sits deep in nested mappings and lists, followed by comment lines at every indentation;
// and flow collections nested, spread over lines, with comments and trailing commas.
import { Random } from './random.js';

const LEAVES = ['x', '"x"', "'x'", '{a: 1}', '[1, 2]', '|\n{I}  block\n', '>-\n{I}  folded\n', '', '~', 'x # same', '{a: 1} # same', '1'];
const HEAD = ['messages:', '  - role: user', '    content: "{{q}}"', 'tests:'];

/** Tests ending in a deep value, then comments at random indentation. */
export function generateCommentProbe(seed: number): string {
  const random = new Random(seed);
  const lines = [...HEAD];
  const dashPad = random.pick(['  ', '', '    ']);
  for (let t = 0, count = 1 + random.int(3); t < count; t++) {
    const keys = ' '.repeat(dashPad.length + 2);
    lines.push(`${dashPad}- name: t${t}`, `${keys}vars:`);
    let indent = keys + ' '.repeat(random.pick([2, 4]));
    lines.push(`${indent}q: 1`);
    for (let level = 0, depth = random.int(3); level < depth; level++) {
      if (random.chance(0.5)) {
        lines.push(`${indent}map${level}:`);
        indent += ' '.repeat(random.pick([2, 3]));
      } else {
        lines.push(`${indent}list${level}:`);
        const dash = random.chance(0.3) ? indent : indent + '  ';
        lines.push(`${dash}- a`, `${dash}- item${level}: 1`);
        indent = dash + '  ';
      }
    }
    lines.push(`${indent}last: ${random.pick(LEAVES).replace(/\{I\}/g, indent)}`.replace(/ $/, random.chance(0.5) ? '' : ' '));
    if (random.chance(0.5)) {
      const dash = random.chance(0.3) ? keys : keys + '  ';
      lines.push(`${keys}assert:`, `${dash}- contains: ${random.pick(LEAVES.slice(0, 4))}`);
    }
    for (let c = 0, comments = random.int(4); c < comments; c++) {
      lines.push(random.chance(0.2) ? ' '.repeat(random.int(5)) : `${' '.repeat(random.int(14))}# c${c}`);
    }
  }
  if (random.chance(0.3)) lines.push('name: end');
  return lines.join('\n') + '\n';
}

/** A flow collection, nested and spread over lines, as a test's var and as a test's vars. */
export function generateFlowProbe(seed: number): string {
  const random = new Random(seed);
  const value = flow(random, 0);
  const head = HEAD.join('\n');
  return random.chance(0.5)
    ? `${head}\n  - vars:\n      q: 1\n      v: ${value}\n    assert:\n      - contains: x\n`
    : `${head}\n  - vars: {q: 1, v: ${value}}\n  - vars: {q: 2}\n`;
}

function flow(random: Random, depth: number): string {
  const sequence = random.chance(0.5);
  const parts: string[] = [];
  for (let i = 0, count = random.int(4); i < count; i++) {
    const value = depth < 3 && random.chance(0.3) ? flow(random, depth + 1) : random.pick(['a', 'b c', '"q"', "'s'", '1', '~', 'x:y', '"k:v"', 'a b\n        c', '{{q}}', '-1', "'it''s'"]);
    const key = random.pick(['a', 'b', '"c"', "'d'", 'e f', '1']);
    parts.push(sequence ? space(random) + value + space(random) : `${space(random)}${key}${space(random)}${random.pick([': ', ':', ' : '])}${space(random)}${value}${space(random)}`);
  }
  const trailingComma = random.chance(0.2) ? ',' : '';
  return `${sequence ? '[' : '{'}${parts.join(',')}${trailingComma}${space(random)}${sequence ? ']' : '}'}`;
}

function space(random: Random): string {
  return random.pick(['', ' ', '  ', '\t', `\n${' '.repeat(random.int(12))}`, ` #c\n${' '.repeat(random.int(12))}`, `\n\n${' '.repeat(random.int(10))}`]);
}
