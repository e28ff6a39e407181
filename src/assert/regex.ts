// `regex`: value is a pattern string, or `/pattern/flags` to pass flags.
import { gotOutput, quote } from './describe.js';
import { defineHandler, type AssertionHandler, type Parsed } from './verdict.js';

/**
 * `/pattern/flags` form. The body must be non-empty and the flags letters only, so an ordinary
 * pattern such as `^/api/` is not mistaken for it. Hazard, documented for users: a pattern that
 * itself starts and ends with `/` (e.g. `/v1/`) is read as the slash form; write `\/v1\/` instead.
 */
const SLASH_FORM = /^\/([\s\S]+)\/([a-zA-Z]*)$/;

// Compiled once per distinct value: 2,000 cases often share one pattern.
const compiled = new Map<string, Parsed<RegExp>>();

export function parseRegex(value: unknown): Parsed<RegExp> {
  if (typeof value !== 'string') {
    return { ok: false, message: 'regex needs a pattern string; write e.g. regex: "^\\\\d{3}-\\\\d{4}$" or regex: "/refund/i"' };
  }
  const cached = compiled.get(value);
  if (cached) return cached;
  const slash = SLASH_FORM.exec(value);
  const [source, flags] = slash ? [slash[1] ?? '', slash[2] ?? ''] : [value, ''];
  let parsed: Parsed<RegExp>;
  try {
    parsed = { ok: true, value: new RegExp(source, flags) };
  } catch (error) {
    const engineMessage = error instanceof Error ? error.message : String(error);
    const hint = /flag/i.test(engineMessage)
      ? 'after the closing / use only the flags d g i m s u v y'
      : 'escape special characters such as ( [ + ? with a backslash';
    parsed = { ok: false, message: `invalid regex ${quote(value)}: ${engineMessage}; ${hint}` };
  }
  compiled.set(value, parsed);
  return parsed;
}

function show(pattern: RegExp): string {
  return `/${pattern.source}/${pattern.flags}`;
}

export const regex: AssertionHandler = defineHandler({
  parse: parseRegex,
  evaluate(pattern, output) {
    // exec on a shared RegExp with `g` or `y` would start at the previous match's lastIndex;
    // resetting it makes every evaluation start at the beginning of its output.
    pattern.lastIndex = 0;
    const match = pattern.exec(output);
    pattern.lastIndex = 0;
    return {
      kind: 'checked',
      pass: match !== null,
      positive: `output to match ${show(pattern)}`,
      negative: `output not to match ${show(pattern)}`,
      detail: match === null ? gotOutput(output) : `matched ${quote(match[0])}`,
    };
  },
});
