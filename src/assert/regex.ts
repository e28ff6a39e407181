// `regex`: value is a pattern string, or `/pattern/flags` to pass flags. The pattern comes from a
// prompt file, which may come from a pull request, so it runs on RE2 (safe-regex.ts): linear time.
import { gotOutput, quote } from './describe.js';
import { compileSafeRegex, type SafeRegex } from './safe-regex.js';
import { defineHandler, type AssertionHandler, type Parsed } from './verdict.js';

/**
 * `/pattern/flags` form. The body must be non-empty and the flags letters only, so an ordinary
 * pattern such as `^/api/` is not mistaken for it. Hazard, documented for users: a pattern that
 * itself starts and ends with `/` (e.g. `/v1/`) is read as the slash form; write `\/v1\/` instead.
 */
const SLASH_FORM = /^\/([\s\S]+)\/([a-zA-Z]*)$/;

export function parseRegex(value: unknown): Parsed<SafeRegex> {
  if (typeof value !== 'string') {
    return { ok: false, message: 'regex needs a pattern string; write e.g. regex: "^\\\\d{3}-\\\\d{4}$" or regex: "/refund/i"' };
  }
  const slash = SLASH_FORM.exec(value);
  const [source, flags] = slash ? [slash[1] ?? '', slash[2] ?? ''] : [value, ''];
  // Compiled once per pattern (compileSafeRegex keeps them): 2,000 cases often share one.
  const result = compileSafeRegex(source, flags);
  if (result.ok) return result;
  if (!result.syntaxError) return { ok: false, message: `invalid regex ${quote(value)}: ${result.message}` };
  const hint = /flag/i.test(result.message)
    ? 'after the closing / use only the flags d g i m s u y'
    : 'escape special characters such as ( [ + ? with a backslash';
  return { ok: false, message: `invalid regex ${quote(value)}: ${result.message}; ${hint}` };
}

export const regex: AssertionHandler = defineHandler({
  parse: parseRegex,
  evaluate(pattern, output) {
    const tooCostly = pattern.tooCostlyFor(output);
    if (tooCostly !== undefined) return { kind: 'undecided', reason: tooCostly };
    const found = pattern.test(output);
    return {
      kind: 'checked',
      pass: found,
      positive: `output to match ${pattern.display}`,
      negative: `output not to match ${pattern.display}`,
      // Read only when the assertion fails. Locating the match costs RE2 several times more than
      // knowing there is one, and only a failing not-regex shows it, so it is found then.
      get detail() {
        return found ? `matched ${quote(pattern.firstMatch(output) ?? '')}` : gotOutput(output);
      },
    };
  },
});
