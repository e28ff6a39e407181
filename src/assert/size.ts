// Length limits: min-length / max-length in characters (code points), max-words.
import { plural } from '../report/numbers.js';
import { characterCount } from './describe.js';
import { MAX_CHARACTERS, MAX_WORDS } from '../limits.js';
import { nonNegativeIntegerValue } from './values.js';
import { defineHandler, type AssertionHandler } from './verdict.js';

/** Words are runs of non-whitespace; Unicode spaces count as separators too. */
export function wordCount(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/u).length;
}

export const minLength: AssertionHandler = defineHandler({
  parse: nonNegativeIntegerValue('min-length', 'characters', 20, MAX_CHARACTERS),
  evaluate(min, output) {
    const count = characterCount(output);
    return {
      kind: 'checked',
      pass: count >= min,
      positive: `at least ${plural(min, 'character')}`,
      negative: `fewer than ${plural(min, 'character')}`,
      detail: `got ${count}`,
    };
  },
});

export const maxLength: AssertionHandler = defineHandler({
  parse: nonNegativeIntegerValue('max-length', 'characters', 280, MAX_CHARACTERS),
  evaluate(max, output) {
    const count = characterCount(output);
    return {
      kind: 'checked',
      pass: count <= max,
      positive: `at most ${plural(max, 'character')}`,
      negative: `more than ${plural(max, 'character')}`,
      detail: `got ${count}`,
    };
  },
});

export const maxWords: AssertionHandler = defineHandler({
  parse: nonNegativeIntegerValue('max-words', 'words', 50, MAX_WORDS),
  evaluate(max, output) {
    const count = wordCount(output);
    return {
      kind: 'checked',
      pass: count <= max,
      positive: `at most ${plural(max, 'word')}`,
      negative: `more than ${plural(max, 'word')}`,
      detail: `got ${count}`,
    };
  },
});
