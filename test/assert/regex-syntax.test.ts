// JavaScript regex syntax as promptgate runs it on RE2: what each construct becomes, that the
// match is the one JavaScript finds, and what is refused with which advice.
import { describe, expect, it } from 'vitest';
import { translateToRe2 } from '../../src/assert/regex-syntax.js';
import { compileSafeRegex, MAX_PROGRAM_SIZE } from '../../src/assert/safe-regex.js';

function re2(source: string, flags = ''): string {
  const translated = translateToRe2(source, flags);
  if (!translated.ok) throw new Error(`refused: ${translated.reason}`);
  return translated.pattern;
}

function refusal(source: string, flags = ''): string {
  const compiled = compileSafeRegex(source, flags);
  if (compiled.ok) throw new Error(`${source} was accepted`);
  expect(compiled.syntaxError).toBe(false);
  return compiled.message;
}

function firstMatch(source: string, flags: string, text: string): string | undefined {
  const compiled = compileSafeRegex(source, flags);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.value.firstMatch(text);
}

describe('translation to RE2 syntax', () => {
  it('writes JavaScript-only escapes the way RE2 spells them', () => {
    expect(re2('caf\\u00e9')).toBe('caf\\x{e9}');
    expect(re2('\\u{1F600}', 'u')).toBe('\\x{1f600}');
    // Two surrogate escapes are one character to RE2, which reads text by code point.
    expect(re2('\\uD83D\\uDE00')).toBe('\\x{1f600}');
    expect(re2('\\x41\\cJ\\0')).toBe('A\\x{a}\\x{0}');
    expect(re2('\\t\\n\\v\\f\\r')).toBe('\\x{9}\\x{a}\\x{b}\\x{c}\\x{d}');
    expect(re2('^\\/api\\/v1\\/')).toBe('^\\/api\\/v1\\/');
    expect(re2('\\d\\D\\w\\W\\b\\B')).toBe('\\d\\D\\w\\W\\b\\B');
  });

  it("gives \\s and . JavaScript's meaning rather than RE2's narrower one", () => {
    const whiteSpace = '\\x{9}-\\x{d}\\ \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}-\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
    expect(re2('\\s')).toBe(`[${whiteSpace}]`);
    expect(re2('\\S')).toBe(`[^${whiteSpace}]`);
    expect(re2('a.b')).toBe('a[^\\x{a}\\x{d}\\x{2028}\\x{2029}]b');
    expect(re2('a.b', 's')).toBe('a(?s:.)b');
  });

  it('turns every group into a plain group: nothing reads captures', () => {
    expect(re2('(?<year>\\d{4})-(\\d{2})')).toBe('(?:\\d{4})\\-(?:\\d{2})');
    expect(re2('(?:a|b)+?')).toBe('(?:a|b)+?');
  });

  it('maps the flags: i and m to RE2 flags, s into the dots, y to an anchor, g and d to nothing', () => {
    expect(re2('a', 'i')).toBe('(?i)a');
    expect(re2('^a$', 'gm')).toBe('(?m)^a$');
    expect(re2('a|b', 'iy')).toBe('(?i)\\A(?:a|b)');
    expect(re2('a', 'dg')).toBe('a');
  });

  it('writes classes with every literal escaped, and the two classes RE2 has no syntax for', () => {
    expect(re2('[a-z\\d_-]')).toBe('[a-z\\d\\_\\-]');
    expect(re2('[^"\\]]')).toBe('[^\\"\\]]');
    expect(re2('[\\b]')).toBe('[\\x{8}]');
    expect(re2('[^]')).toBe('(?s:.)');
    expect(re2('[]')).toBe('[^\\x{0}-\\x{10ffff}]');
  });

  it('reads the legacy forms JavaScript accepts without the u flag as JavaScript does', () => {
    expect(re2('a{')).toBe('a\\{');
    expect(re2('x{2,3}?y{2,}z{4}')).toBe('x{2,3}?y{2,}z{4}');
    expect(re2('\\101\\8')).toBe('A8'); // octal 101 is A; \8 is the digit
    expect(re2('\\p{L}')).toBe('p\\{L\\}'); // without u, \p is the letter p
    expect(re2('\\k<a>')).toBe('k\\<a\\>'); // with no named group, \k is the letter k
    expect(re2('[\\w-z]')).toBe('[\\w\\-z]'); // a range with a class escape is the escape, a hyphen and z
    expect(re2('(a)\\2')).toBe('(?:a)\\x{2}'); // one group, so \2 is octal 2
  });

  it('keeps the Unicode properties RE2 names, and spells out the others character by character', () => {
    expect(re2('\\p{Lu}\\P{L}\\p{gc=Nd}', 'u')).toBe('\\p{Lu}\\P{L}\\p{Nd}');
    expect(re2('\\p{Script=Greek}\\p{sc=Latin}', 'u')).toBe('\\p{Greek}\\p{Latin}');
    expect(re2('\\p{ASCII}', 'u')).toBe('[\\x{0}-\\x{7f}]');
    expect(re2('[^\\P{ASCII}]', 'u')).toBe('[^\\x{80}-\\x{10ffff}]');
  });

  it('passes group modifiers on, except s, which the dots inside already carry', () => {
    expect(re2('(?i:a)(?-m:^)(?s:.)(?s-i:b.)')).toBe('(?i:a)(?-m:^)(?:(?s:.))(?-i:b(?s:.))');
  });
});

describe('matching what JavaScript matches', () => {
  // Each row: pattern, flags, text, and the match worked out by hand; JavaScript's own engine
  // checks the hand-worked answer (these patterns cannot backtrack badly).
  const rows: [string, string, string, string | undefined][] = [
    ['\\d{3}-\\d{4}', '', 'call 555-1234 now', '555-1234'],
    ['\\bcat\\b', '', 'concat cat', 'cat'],
    ['colou?r', 'i', 'COLOR', 'COLOR'],
    ['<.+?>', '', '<a><b>', '<a>'],
    ['<.+>', '', '<a><b>', '<a><b>'],
    ['(?:a|ab)(?:c|bcd)(d*)', '', 'abcd', 'abcd'],
    ['\\s+', '', 'a\u00a0\u2003b', '\u00a0\u2003'],
    ['\\S+', '', ' \u3000word\u3000', 'word'],
    ['^.+$', '', 'a\r', undefined],
    ['.', '', '\n', undefined],
    ['.', 's', '\n', '\n'],
    ['[^]', '', '\n', '\n'],
    ['^end$', 'm', 'first\nend\nlast', 'end'],
    ['^end$', '', 'first\nend\nlast', undefined],
    ['b', 'y', 'ab', undefined],
    ['a', 'y', 'ab', 'a'],
    ['\\x41\\u0042\\103', '', 'xABC', 'ABC'],
    ['^\\p{Lu}', 'u', 'Élan', 'É'],
    ['\\p{Emoji_Presentation}', 'u', 'ok 😀', '😀'],
    ['[\\u{1F600}-\\u{1F64F}]+', 'u', 'hi 😃😄', '😃😄'],
    ['caf\\u00e9', '', 'un café', 'café'],
    ['\\/api\\/v1', '', '/api/v1/x', '/api/v1'],
    ['a{2,}', '', 'baaaa', 'aaaa'],
    ['^$', '', '', ''],
    ['x*', '', 'abc', ''],
  ];

  it.each(rows)('/%s/%s on %j', (source, flags, text, expected) => {
    expect(new RegExp(source, flags).exec(text)?.[0]).toBe(expected);
    expect(firstMatch(source, flags, text)).toBe(expected);
  });
});

describe('what is refused, and what to write instead', () => {
  it('lookahead and lookbehind', () => {
    expect(refusal('^(?!.*sorry)')).toBe(
      'a lookahead (?!…) is not supported (promptgate matches patterns with RE2, which runs in time linear in the output, without lookaround); ' +
        'match the text itself, or check what must not appear with a separate not-regex assertion',
    );
    expect(refusal('a(?=b)')).toMatch(/^a lookahead \(\?=…\) is not supported /);
    expect(refusal('(?<=\\$)\\d+')).toMatch(/^a lookbehind \(\?<=…\) is not supported .*; match the text itself, or check what must not appear with a separate not-regex assertion$/);
    expect(refusal('(?<!no )refund')).toMatch(/^a lookbehind \(\?<!…\) is not supported /);
  });

  it('backreferences, numbered and named', () => {
    expect(refusal('(\\w)\\1')).toBe(
      'a backreference \\1 is not supported (promptgate matches patterns with RE2, which runs in time linear in the output, without backreferences); ' +
        'write the repeated text out, or check it with a separate assertion',
    );
    expect(refusal('(?<q>["\'])\\w+\\k<q>')).toMatch(/^a backreference \\k<q> is not supported /);
    expect(refusal('(a)\\1', 'u')).toMatch(/^a backreference \\1 is not supported /);
  });

  it('the v flag', () => {
    expect(refusal('[\\p{L}--[a-z]]', 'v')).toBe(
      'the v flag is not supported (promptgate matches patterns with RE2, which runs in time linear in the output, without class set operations); use the u flag instead',
    );
  });

  it('more than 1,000 copies from one repetition or from nested ones', () => {
    expect(refusal('^.{0,2000}$')).toBe(
      "the repetition {0,2000} makes more than 1000 copies, RE2's limit; for a length limit use max-length or min-length, or repeat a shorter piece",
    );
    expect(refusal('(?:(?:ab){1,50}c){1,50}')).toBe(
      "the repetition {1,50} makes more than 1000 copies, counting the repetitions it is nested in, RE2's limit; " +
        'for a length limit use max-length or min-length, or repeat a shorter piece',
    );
  });

  it('a pattern too large to match quickly, whether the estimate or the compiled program says so', () => {
    // Three different classes of 1,000 copies each: about 3,000 instructions, compiled and then refused.
    const three = ['a', 'b', 'c'].map((letter) => `[${letter}-z]{1000}`).join('|');
    expect(refusal(three)).toMatch(/^the pattern compiles to 3,\d{3} RE2 instructions, more than the 2,500 promptgate allows so that matching stays fast; use smaller repetition counts, or split it into several assertions$/);
    // Twenty: refused on the estimate, before RE2 spends its time compiling.
    const twenty = Array.from({ length: 20 }, (_, index) => `[${String.fromCharCode(0x61 + index)}-z]{1000}`).join('|');
    expect(refusal(twenty)).toMatch(/^the pattern compiles to about 20,\d{3} RE2 instructions, more than the 2,500 /);
    expect(MAX_PROGRAM_SIZE).toBe(2_500);
  });

  it('groups nested deeper than any real pattern', () => {
    expect(refusal(`${'('.repeat(300)}a${')'.repeat(300)}`)).toBe('groups are nested more than 200 deep; write the pattern with less nesting');
  });

  it('leaves JavaScript syntax errors to JavaScript', () => {
    const compiled = compileSafeRegex('(unclosed', '');
    expect(compiled).toMatchObject({ ok: false, syntaxError: true });
  });
});

describe('the compile cache', () => {
  it('keeps compiled patterns, the least recently used first out past 256', () => {
    const first = compileSafeRegex('kept', '');
    expect(compileSafeRegex('kept', '')).toBe(first);
    for (let index = 0; index < 256; index++) compileSafeRegex(`other ${index}`, '');
    expect(compileSafeRegex('kept', '')).not.toBe(first);
  });
});

describe('Unicode properties RE2 lacks', () => {
  // Each is built by asking JavaScript's engine about every code point: hundreds in one pattern
  // would stall loading for tens of seconds.
  const scripts = ['Latn', 'Grek', 'Cyrl', 'Arab', 'Hebr', 'Deva', 'Hani', 'Thai', 'Kana'];
  const pattern = (count: number) => scripts.slice(0, count).map((script) => `\\p{scx=${script}}`).join('|');

  it('takes up to 8 in one pattern', () => {
    expect(translateToRe2(pattern(8), 'u')).toMatchObject({ ok: true });
  });

  it('refuses a 9th, naming it and what to use instead', () => {
    expect(translateToRe2(pattern(9), 'u')).toEqual({
      ok: false,
      reason:
        'the pattern uses more than 8 Unicode properties that RE2 lacks (such as \\p{scx=Kana}), each of which promptgate builds ' +
        'character by character; use General_Category or Script names, or split the pattern',
    });
  });
});
