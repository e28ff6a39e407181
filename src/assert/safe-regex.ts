// Regular expressions from untrusted text (prompt files and editor proposals arrive in pull
// requests; JSON Schemas sit in those files) matched in time linear in the output: JavaScript's
// parser checks the syntax (compiling never backtracks, only matching does), regex-syntax.ts
// translates the pattern, and re2js, a JavaScript port of RE2, runs it.
import { RE2JS } from 're2js';
import { translateToRe2 } from './regex-syntax.js';

/**
 * Largest compiled pattern accepted, in RE2 instructions. Matching costs at most about
 * (instructions × output characters) steps of a few nanoseconds, so this bounds the worst case:
 * about a second for a 100,000-character output (bench/regex.mjs measures it). Realistic patterns
 * compile to tens or hundreds of instructions; a counted repetition such as `.{0,1000}` to about 2,000.
 */
export const MAX_PROGRAM_SIZE = 5_000;

export interface SafeRegex {
  /** `/source/flags` as JavaScript shows the pattern that was written. */
  readonly display: string;
  test(text: string): boolean;
  /** The leftmost match's text (JavaScript's `exec(text)[0]`), or undefined when there is none. */
  firstMatch(text: string): string | undefined;
}

export type CompiledRegex =
  | { ok: true; value: SafeRegex }
  /** syntaxError: JavaScript itself rejects the pattern (rather than promptgate refusing it). */
  | { ok: false; message: string; syntaxError: boolean };

class Re2Regex implements SafeRegex {
  constructor(
    readonly display: string,
    private readonly program: RE2JS,
  ) {}

  test(text: string): boolean {
    return this.program.test(text);
  }

  firstMatch(text: string): string | undefined {
    // test() runs RE2's DFA alone; locating the match costs more, so only a match pays for it.
    if (!this.program.test(text)) return undefined;
    return this.program.exec(text)?.[0];
  }

  /** Ajv keys the patterns it shares between schemas by this. */
  toString(): string {
    return this.display;
  }
}

// Compiled once per pattern and flags: 2,000 cases often share one, and JSON Schemas repeat theirs.
const compiled = new Map<string, CompiledRegex>();

export function compileSafeRegex(source: string, flags: string): CompiledRegex {
  const key = `${flags}/${source}`;
  let result = compiled.get(key);
  if (!result) {
    result = compile(source, flags);
    compiled.set(key, result);
  }
  return result;
}

function compile(source: string, flags: string): CompiledRegex {
  let display: string;
  try {
    const native = new RegExp(source, flags);
    display = `/${native.source}/${native.flags}`;
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), syntaxError: true };
  }
  const translated = translateToRe2(source, flags);
  if (!translated.ok) return { ok: false, message: translated.reason, syntaxError: false };
  // The estimate refuses a huge pattern before RE2 spends seconds compiling it.
  if (translated.estimatedSize > MAX_PROGRAM_SIZE * 2) return tooLarge(`about ${translated.estimatedSize.toLocaleString('en-US')}`);
  let program: RE2JS;
  try {
    program = RE2JS.compile(translated.pattern);
  } catch (error) {
    // Not expected after the translation; RE2's reason is the best there is.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `RE2, which promptgate matches patterns with, cannot compile it (${reason}); write the pattern more simply`, syntaxError: false };
  }
  const size = program.programSize();
  if (size > MAX_PROGRAM_SIZE) return tooLarge(size.toLocaleString('en-US'));
  return { ok: true, value: new Re2Regex(display, program) };
}

function tooLarge(size: string): CompiledRegex {
  return {
    ok: false,
    message:
      `the pattern compiles to ${size} RE2 instructions, more than the ${MAX_PROGRAM_SIZE.toLocaleString('en-US')} promptgate allows ` +
      'so that matching stays fast; use smaller repetition counts, or split it into several assertions',
    syntaxError: false,
  };
}
