// Text from a pull request on its way into the runner's log: what a line may not hold, and how it
// reads instead. The runner's rules: a line starting with `::name::` after leading whitespace, or
// holding `##[name]` anywhere, is a workflow command.
import { describe, expect, it } from 'vitest';
import { toAnnotationText, toLogLine } from '../../../src/action/log-line.js';

describe('toLogLine', () => {
  it('leaves an ordinary line alone, colons included', () => {
    expect(toLogLine('promptgate: 2 changed prompt file(s): prompts/a.prompt.yaml, b::c.prompt.yaml')).toBe(
      'promptgate: 2 changed prompt file(s): prompts/a.prompt.yaml, b::c.prompt.yaml',
    );
  });

  it('shows line breaks as \\n and \\r, so nothing after them can start a line', () => {
    expect(toLogLine('files: a\n::error::pwned\r\n::add-mask::x\rend')).toBe('files: a\\n::error::pwned\\r\\n::add-mask::x\\rend');
  });

  it('shows Unicode line and paragraph separators escaped', () => {
    expect(toLogLine('a\u2028::error::b\u2029c')).toBe('a\\u2028::error::b\\u2029c');
  });

  it('puts a backslash before a leading ::, after any whitespace the runner would trim', () => {
    expect(toLogLine('::stop-commands::token')).toBe('\\::stop-commands::token');
    expect(toLogLine('  \t::warning::x')).toBe('  \t\\::warning::x');
    expect(toLogLine('\u00a0::notice::x')).toBe('\u00a0\\::notice::x');
  });

  it('breaks the legacy ##[command] form wherever it is', () => {
    expect(toLogLine('note ##[add-mask]secret and ##[error]boom')).toBe('note ##\\[add-mask]secret and ##\\[error]boom');
  });

  it('shows escape sequences and bidi controls instead of passing them to the log viewer', () => {
    expect(toLogLine('red \u001b[31mtext\u001b[0m \u202eevil\u202c \u2066iso\u2069 \u200f\u061c\u0085')).toBe(
      'red \\x1b[31mtext\\x1b[0m \\u202eevil\\u202c \\u2066iso\\u2069 \\u200f\\u061c\\x85',
    );
  });
});

describe('toAnnotationText', () => {
  it('keeps line breaks (core escapes them) but makes every kind of break a \\n', () => {
    expect(toAnnotationText('reason\nOutput: "x"\r\nnext\rlast')).toBe('reason\nOutput: "x"\nnext\nlast');
  });

  it('shows controls, bidi characters and Unicode separators escaped, and breaks ##[', () => {
    expect(toAnnotationText('a\u001b[2Kb \u202ec\u2028##[group]fake')).toBe('a\\x1b[2Kb \\u202ec\\u2028##\\[group]fake');
  });
});
