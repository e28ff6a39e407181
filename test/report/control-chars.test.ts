import { describe, expect, it } from 'vitest';
import { escapeHiddenChars, hasHiddenChars, showControlChars } from '../../src/report/control-chars.js';

describe('escapeHiddenChars', () => {
  it('shows every bidi control by its code point', () => {
    expect(escapeHiddenChars('a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j\u200Ek\u200Fl\u061Cm')).toBe(
      'a\\u202ab\\u202bc\\u202cd\\u202de\\u202ef\\u2066g\\u2067h\\u2068i\\u2069j\\u200ek\\u200fl\\u061cm',
    );
  });

  it('shows C0 and C1 controls and DEL, but leaves tab, line feed and carriage return', () => {
    expect(escapeHiddenChars('\u0000\u0007\u001b[1m\u007f\u0085\u009b\t\n\r')).toBe('\\x00\\x07\\x1b[1m\\x7f\\x85\\x9b\t\n\r');
  });

  it('leaves ordinary text alone, right-to-left scripts and emoji included', () => {
    expect(escapeHiddenChars('Hello, שלום, مرحبا, 👋 — ok')).toBe('Hello, שלום, مرحبا, 👋 — ok');
  });
});

describe('hasHiddenChars', () => {
  it('finds a lone bidi override or escape, and nothing in plain text (on every call)', () => {
    expect(hasHiddenChars('x\u202Ey')).toBe(true);
    expect(hasHiddenChars('x\u001by')).toBe(true);
    expect(hasHiddenChars('tab\tand\r\nlines')).toBe(false);
    expect(hasHiddenChars('x\u202Ey')).toBe(true);
  });
});

describe('showControlChars', () => {
  it('turns every line ending into \\n and shows the rest', () => {
    expect(showControlChars('a\r\nb\rc\u202Ed')).toBe('a\nb\nc\\u202ed');
  });
});
