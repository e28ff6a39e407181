// contains-any / contains-all and their case-insensitive forms (value: a list of strings).
import { gotOutput, quoteList } from './describe.js';
import { foldCase } from './text.js';
import { textListValue } from './values.js';
import { defineHandler, type AssertionHandler } from './verdict.js';

/** A list longer than this is shortened in reasons. */
const MAX_LISTED_ITEMS = 5;

function listed(items: readonly string[]): string {
  if (items.length <= MAX_LISTED_ITEMS) return quoteList(items);
  return `${quoteList(items.slice(0, MAX_LISTED_ITEMS))} and ${items.length - MAX_LISTED_ITEMS} more`;
}

function listHandler(type: string, mode: 'any' | 'all', ignoreCase: boolean): AssertionHandler {
  const suffix = ignoreCase ? ' (ignoring case)' : '';
  return defineHandler({
    parse: textListValue(type),
    evaluate(needles, output) {
      const haystack = ignoreCase ? foldCase(output) : output;
      const present = needles.filter((needle) => haystack.includes(ignoreCase ? foldCase(needle) : needle));
      const missing = needles.filter((needle) => !present.includes(needle));

      if (mode === 'any') {
        const pass = present.length > 0;
        return {
          kind: 'checked',
          pass,
          positive: `output to contain at least one of ${listed(needles)}${suffix}`,
          negative: `output to contain none of ${listed(needles)}${suffix}`,
          detail: pass ? `found ${listed(present)}` : gotOutput(output),
        };
      }
      const pass = missing.length === 0;
      return {
        kind: 'checked',
        pass,
        positive: `output to contain all of ${listed(needles)}${suffix}`,
        negative: `output not to contain all of ${listed(needles)}${suffix}`,
        detail: pass ? 'found every one' : `missing ${listed(missing)}`,
      };
    },
  });
}

export const containsAny = listHandler('contains-any', 'any', false);
export const containsAll = listHandler('contains-all', 'all', false);
export const icontainsAny = listHandler('icontains-any', 'any', true);
export const icontainsAll = listHandler('icontains-all', 'all', true);
