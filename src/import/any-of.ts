// "Passes if the output matches any of these answers", for the checks promptgate has no list form
// of (starts-with, openai/evals' fuzzy match): one `regex` assertion, an alternation of escaped
// literals. promptgate runs regexes on RE2 (src/assert/safe-regex.ts), so every pattern built here
// is compiled once to be sure it fits RE2's size limit before it is written.
import { compileSafeRegex } from '../assert/safe-regex.js';

/** JavaScript regex syntax, every metacharacter (and `/`, so no value reads as `/pattern/flags`) escaped. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function fits(pattern: string, flags = ''): boolean {
  return compileSafeRegex(pattern, flags).ok;
}

/** openai/evals' record_and_check_match: the output starts with one of the answers. */
export function startsWithAnyPattern(answers: readonly string[]): string {
  return `^(?:${answers.map(escapeRegex).join('|')})`;
}

/** ASCII punctuation: Python's string.punctuation, which openai/evals' normalize() removes. */
const PUNCTUATION = '[!-\\/:-@\\[-`{-~]';
/** What normalize() turns into one space between two words: whitespace and articles, with punctuation around them. */
const GAP = `(?:${PUNCTUATION}*(?:\\s|\\b(?:a|an|the)\\b)${PUNCTUATION}*)+`;
const EDGE = `(?:${PUNCTUATION}|\\s|\\b(?:a|an|the)\\b)*`;

/** openai/evals' normalize(): lower case, no punctuation, no articles, single spaces. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(/[!-/:-@[-`{-~]/g, '')
    .replace(/\b(a|an|the)\b/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '')
    .join(' ');
}

/**
 * openai/evals' fuzzy_match(output, answer): after normalize(), either text contains the other.
 * Built as: the answer's words in order, with any whitespace, punctuation or articles between
 * them, anywhere in the output (the output contains the answer); or, when `both` is set, the whole
 * output being a run of whole words of the answer (the answer contains the output). Case is
 * ignored by the caller's `i` flag. Not expressed: punctuation inside a word of the output
 * (`U.S.` is `us` to evals), and an output that is part of one of the answer's words.
 */
export function fuzzyPattern(answer: string, both: boolean): string {
  const words = normalizeAnswer(answer).split(' ').filter((word) => word !== '').map(escapeRegex);
  if (words.length === 0) return `^${EDGE}$`;
  const forward = words.join(GAP);
  if (!both) return forward;
  const runs: string[] = [];
  for (let start = 0; start < words.length; start += 1) {
    for (let end = start + 1; end <= words.length; end += 1) runs.push(words.slice(start, end).join(GAP));
  }
  return `${forward}|^${EDGE}(?:${runs.join('|')})${EDGE}$`;
}
