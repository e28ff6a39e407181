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

// Compiled once per distinct value: 2,000 cases often share one pattern.
const compiled = new Map<string, Parsed<SafeRegex>>();

export function parseRegex(value: unknown): Parsed<SafeRegex> {
  if (typeof value !== 'string') {
    return { ok: false, message: 'regex needs a pattern string; write e.g. regex: "^\\\\d{3}-\\\\d{4}$" or regex: "/refund/i"' };
  }
  const cached = compiled.get(value);
  if (cached) return cached;
  const slash = SLASH_FORM.exec(value);
  const [source, flags] = slash ? [slash[1] ?? '', slash[2] ?? ''] : [value, ''];
  const result = compileSafeRegex(source, flags);
  let parsed: Parsed<SafeRegex>;
  if (result.ok) parsed = result;
  else if (!result.syntaxError) parsed = { ok: false, message: `invalid regex ${quote(value)}: ${result.message}` };
  else {
    const hint = /flag/i.test(result.message)
      ? 'after the closing / use only the flags d g i m s u y'
      : 'escape special characters such as ( [ + ? with a backslash';
    parsed = { ok: false, message: `invalid regex ${quote(value)}: ${result.message}; ${hint}` };
  }
  compiled.set(value, parsed);
  return parsed;
}

export const regex: AssertionHandler = defineHandler({
  parse: parseRegex,
  evaluate(pattern, output) {
    const match = pattern.firstMatch(output);
    return {
      kind: 'checked',
      pass: match !== undefined,
      positive: `output to match ${pattern.display}`,
      negative: `output not to match ${pattern.display}`,
      detail: match === undefined ? gotOutput(output) : `matched ${quote(match)}`,
    };
  },
});
