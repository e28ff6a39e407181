import { describe, expect, it } from 'vitest';
import { escapeTableCell, fenceCode, inlineCode, neutralizeMarkdown, truncate } from '../../src/report/markdown-safe.js';

const ZWJ = '\u200D';

describe('fenceCode', () => {
  it('uses three backticks for text without backticks', () => {
    expect(fenceCode('hello', 'json')).toBe('```json\nhello\n```');
  });

  it('is one backtick longer than a ``` run inside', () => {
    expect(fenceCode('a\n```\nb')).toBe('````\na\n```\nb\n````');
  });

  it('is one backtick longer than a ```` run inside, wherever it is', () => {
    expect(fenceCode('x ```` y `` z')).toBe('`````\nx ```` y `` z\n`````');
  });

  it('keeps an existing final newline and drops unsafe characters from the language', () => {
    expect(fenceCode('a\n', 'js`\nevil')).toBe('```jsevil\na\n```');
  });

  it('shows escape sequences, bidi controls and NUL as visible escapes', () => {
    expect(fenceCode('red \u001b[31mtext\u001b[0m\nif (admin\u202E \u2066// ok\u2069) \u0000')).toBe(
      '```\nred \\x1b[31mtext\\x1b[0m\nif (admin\\u202e \\u2066// ok\\u2069) \\x00\n```',
    );
  });
});

describe('inlineCode', () => {
  it('wraps plain text in single backticks', () => {
    expect(inlineCode('prompts/a.yaml:3')).toBe('`prompts/a.yaml:3`');
  });

  it('uses a longer run and padding when the text holds backticks', () => {
    expect(inlineCode('`x` ``y')).toBe('``` `x` ``y ```');
  });

  it('shows bidi controls and escapes in a path', () => {
    expect(inlineCode('prompts/\u202Elmay.tpmorp\u001b.yaml')).toBe('`prompts/\\u202elmay.tpmorp\\x1b.yaml`');
  });
});

describe('neutralizeMarkdown', () => {
  it('leaves ordinary prose alone', () => {
    expect(neutralizeMarkdown('The answer is 42, see the docs.')).toBe('The answer is 42, see the docs.');
  });

  it('breaks @mentions and team mentions with a zero-width joiner', () => {
    expect(neutralizeMarkdown('ping @octocat and @github/security')).toBe(`ping @${ZWJ}octocat and @${ZWJ}github/security`);
  });

  it('renders HTML tags and comments inert', () => {
    expect(neutralizeMarkdown('<img src=x onerror=alert(1)> <!-- hidden -->')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &lt;!-- hidden --&gt;',
    );
  });

  it('stops issue references and GH- references from linking', () => {
    expect(neutralizeMarkdown('fixes #123 and owner/repo#7, GH-5')).toBe(
      `fixes #${ZWJ}123 and owner/repo#${ZWJ}7, GH${ZWJ}-5`,
    );
  });

  it('stops Markdown links, images and bare URLs', () => {
    expect(neutralizeMarkdown('[approve](https://evil.example) ![x](y) www.evil.example')).toBe(
      `\\[approve\\](https:${ZWJ}//evil.example) !\\[x\\](y) www${ZWJ}.evil.example`,
    );
  });

  it('escapes emphasis, code spans and block structure at line starts', () => {
    expect(neutralizeMarkdown('# Title\n- item\n1. first\n*bold* `code` $x$')).toBe(
      '\\# Title\n\\- item\n1\\. first\n\\*bold\\* \\`code\\` \\$x\\$',
    );
  });

  it('shows bidi controls and escapes as text that renders as \\u202e and \\x1b', () => {
    // The backslash of the escape is itself escaped, so GitHub renders `\u202e` literally.
    expect(neutralizeMarkdown('pay \u202E001$\u202C \u001b[8m')).toBe('pay \\\\u202e001\\$\\\\u202c \\\\x1b\\[8m');
  });

  it('escapes ampersands so entities in the text show literally', () => {
    expect(neutralizeMarkdown('AT&T &lt;')).toBe('AT&amp;T &amp;lt;');
  });
});

describe('escapeTableCell', () => {
  it('escapes pipes and turns line breaks into <br>', () => {
    expect(escapeTableCell('a|b\nc\r\nd')).toBe('a\\|b<br>c<br>d');
  });
});

describe('truncate', () => {
  it('returns short text unchanged', () => {
    expect(truncate('abc', 3)).toBe('abc');
  });

  it('says how much was cut and stays within the limit', () => {
    // The note is sized for the largest count it could report ("… [100 more characters]", 23 units).
    const result = truncate('a'.repeat(100), 40);
    expect(result).toBe(`${'a'.repeat(17)}… [83 more characters]`);
    expect(result.length).toBeLessThanOrEqual(40);
  });

  it('never splits a surrogate pair', () => {
    // 😀 is two UTF-16 code units; a cut after 19 units would land between them.
    const text = 'x'.repeat(18) + '😀'.repeat(20);
    const result = truncate(text, 41);
    expect(result).toBe(`${'x'.repeat(18)}… [40 more characters]`);
  });

  it('cuts without a note when the limit is too small for one', () => {
    expect(truncate('abcdefghij', 4)).toBe('abcd');
  });
});
