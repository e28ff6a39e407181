// Sets of characters in RE2's syntax: JavaScript's meaning of \s and `.`, literal characters
// escaped so that any of them is safe anywhere, and Unicode properties, by RE2's own name where it
// has one and otherwise as the characters JavaScript itself counts in them.
import { RE2JS } from 're2js';

export type Ranges = readonly (readonly [number, number])[];

const MAX_CODE_POINT = 0x10ffff;

/** JavaScript's \s: WhiteSpace and LineTerminator (RE2's \s is ASCII only). */
export const WHITE_SPACE: Ranges = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];

/** JavaScript's `.` stops at every line terminator; RE2's only at \n. */
export const NOT_LINE_TERMINATOR = '[^\\x{a}\\x{d}\\x{2028}\\x{2029}]';
export const ANY = '(?s:.)';
export const NOTHING = `[^\\x{0}-\\x{${MAX_CODE_POINT.toString(16)}}]`;

/** One character in RE2's syntax, the same inside and outside a class. */
export function literal(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCharCode(cp);
  // RE2 reads any escaped ASCII punctuation (and space) as itself.
  if (cp >= 0x20 && cp < 0x7f) return `\\${String.fromCharCode(cp)}`;
  return `\\x{${cp.toString(16)}}`;
}

export function rangesText(ranges: Ranges): string {
  return ranges.map(([low, high]) => (low === high ? literal(low) : `${literal(low)}-${literal(high)}`)).join('');
}

export function complement(ranges: Ranges): Ranges {
  const result: [number, number][] = [];
  let next = 0;
  for (const [low, high] of ranges) {
    if (low > next) result.push([next, low - 1]);
    next = high + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

/** General category codes as RE2 names them (JavaScript also takes the long names, e.g. Letter). */
const GENERAL_CATEGORY_CODE = /^(?:[CLMNPSZ]|C[cfnos]|L[Cclmotu]|M[cen]|N[dlo]|P[cdefios]|S[ckmo]|Z[lps])$/;

const re2Scripts = new Map<string, boolean>();

export function re2PropertyName(body: string): string | undefined {
  const [name, value] = body.includes('=') ? body.split('=') : [undefined, body];
  if (value === undefined) return undefined;
  if ((name === undefined || name === 'General_Category' || name === 'gc') && GENERAL_CATEGORY_CODE.test(value)) return value;
  if (name === 'Script' || name === 'sc') {
    let known = re2Scripts.get(value);
    if (known === undefined) {
      try {
        RE2JS.compile(`\\p{${value}}`);
        known = true;
      } catch {
        known = false; // a four-letter code such as Grek, which RE2 does not take
      }
      re2Scripts.set(value, known);
    }
    if (known) return value;
  }
  return undefined;
}

const propertyCache = new Map<string, Ranges>();

/**
 * The characters of a property RE2 does not name (binary properties such as Emoji, long category
 * names, script codes, Script_Extensions), asked of the JavaScript engine one character at a time:
 * exactly JavaScript's meaning, about 40 ms once per property. The single-escape pattern cannot
 * backtrack, and the name was checked by `new RegExp` before it got here.
 */
export function propertyMembers(body: string): Ranges {
  const cached = propertyCache.get(body);
  if (cached) return cached;
  const test = new RegExp(`^\\p{${body}}$`, 'u');
  const ranges: [number, number][] = [];
  let start = -1;
  for (let cp = 0; cp <= MAX_CODE_POINT + 1; cp++) {
    const member = cp <= MAX_CODE_POINT && test.test(String.fromCodePoint(cp));
    if (member && start < 0) start = cp;
    else if (!member && start >= 0) {
      ranges.push([start, cp - 1]);
      start = -1;
    }
  }
  propertyCache.set(body, ranges);
  return ranges;
}
