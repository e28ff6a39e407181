// Substring checks: equals, contains, starts-with, ends-with and their case-insensitive forms.
import { foundAt, gotOutput, quote } from './describe.js';
import { nonEmptyTextValue, textValue } from './values.js';
import { defineHandler, type AssertionHandler } from './verdict.js';

/**
 * Case folding for the `i` variants. toLowerCase on both sides is locale-independent, so a
 * run gives the same answer on every machine, and handles non-ASCII letters (É/é, Σ/σ).
 */
export function foldCase(text: string): string {
  return text.toLowerCase();
}

export const equals: AssertionHandler = defineHandler({
  parse: textValue('equals', '"Paris"'),
  evaluate(expected, output) {
    const pass = output === expected;
    let detail: string | undefined;
    if (!pass) {
      // The commonest surprise: a model adds a trailing newline or space.
      detail = output.trim() === expected.trim() ? `${gotOutput(output)} (differs only in surrounding whitespace)` : gotOutput(output);
    }
    return {
      kind: 'checked',
      pass,
      positive: `output to equal ${quote(expected)}`,
      negative: `output not to equal ${quote(expected)}`,
      detail: pass ? 'got exactly that' : detail,
    };
  },
});

type Position = 'anywhere' | 'start' | 'end';

function substringHandler(type: string, position: Position, ignoreCase: boolean): AssertionHandler {
  const verb = { anywhere: 'contain', start: 'start with', end: 'end with' }[position];
  const suffix = ignoreCase ? ' (ignoring case)' : '';
  return defineHandler({
    parse: nonEmptyTextValue(type, '"30 days"'),
    evaluate(needle, output) {
      const haystack = ignoreCase ? foldCase(output) : output;
      const target = ignoreCase ? foldCase(needle) : needle;
      let pass: boolean;
      if (position === 'start') pass = haystack.startsWith(target);
      else if (position === 'end') pass = haystack.endsWith(target);
      else pass = haystack.includes(target);

      let detail: string;
      if (!pass) detail = gotOutput(output);
      else if (position === 'anywhere') detail = foundAt(output, haystack.indexOf(target));
      else detail = gotOutput(output);
      return {
        kind: 'checked',
        pass,
        positive: `output to ${verb} ${quote(needle)}${suffix}`,
        negative: `output not to ${verb} ${quote(needle)}${suffix}`,
        detail,
      };
    },
  });
}

export const contains = substringHandler('contains', 'anywhere', false);
export const icontains = substringHandler('icontains', 'anywhere', true);
export const startsWith = substringHandler('starts-with', 'start', false);
export const istartsWith = substringHandler('istarts-with', 'start', true);
export const endsWith = substringHandler('ends-with', 'end', false);
export const iendsWith = substringHandler('iends-with', 'end', true);
