// Regular expressions from untrusted text (prompt files and editor proposals arrive in pull
// requests; JSON Schemas sit in those files) matched in time linear in the output: JavaScript's
// parser checks the syntax (compiling never backtracks, only matching does), regex-syntax.ts
// translates the pattern, and re2js, a JavaScript port of RE2, runs it.
import { RE2JS } from 're2js';
import { translateToRe2 } from './regex-syntax.js';

/**
 * Largest compiled pattern accepted, in RE2 instructions. Realistic patterns compile to tens or
 * hundreds; a counted repetition such as `.{0,1000}` to about 2,000. Matching time grows with the
 * size faster than linearly when a pattern defeats RE2's DFA, so this also keeps MAX_WORK's
 * worst case short; and it bounds compile time (tens of ms at the limit).
 */
export const MAX_PROGRAM_SIZE = 2_500;

/**
 * Most work one match may take, in RE2 instructions × characters of text. Linear time still has a
 * constant: a pattern built to make RE2's DFA rebuild its states at every character costs up to
 * about 260 ns per instruction and character (bench/regex.mjs), so this bounds one evaluation to
 * about a second. Realistic patterns cost a few ns: a 50-instruction pattern may run on 100,000
 * characters, and `.{0,1000}` (2,000 instructions), better written as max-length, on 2,500.
 */
export const MAX_WORK = 5_000_000;

/**
 * The work left to the evaluation under way, when one evaluation may match many texts: a JSON
 * Schema's patterns run over every string and key of the output, and MAX_WORK per string alone
 * would let a large output run for a minute. Undefined outside such an evaluation.
 */
let evaluationBudget: { left: number } | undefined;

/**
 * Runs `evaluate` with MAX_WORK shared by every match it makes; a match past it throws, with
 * the reason, like a single match past MAX_WORK does.
 */
export function withSharedWorkBudget<T>(evaluate: () => T): T {
  const outer = evaluationBudget;
  evaluationBudget = { left: MAX_WORK };
  try {
    return evaluate();
  } finally {
    evaluationBudget = outer;
  }
}

/** Distinct patterns kept compiled; each holds RE2's cache of DFA states, up to a few MB. */
const MAX_CACHED = 256;

export interface SafeRegex {
  /** `/source/flags` as JavaScript shows the pattern that was written. */
  readonly display: string;
  /** Why matching this text could take too long, or undefined when it is within MAX_WORK. */
  tooCostlyFor(text: string): string | undefined;
  /** Throws an Error with tooCostlyFor's reason rather than run past MAX_WORK. */
  test(text: string): boolean;
  /** The leftmost match's text (JavaScript's `exec(text)[0]`), or undefined when there is none; throws like test. */
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
    private readonly size: number,
  ) {}

  tooCostlyFor(text: string): string | undefined {
    if (this.size * text.length <= MAX_WORK) return undefined;
    const figures = `${this.size.toLocaleString('en-US')} RE2 instructions × ${text.length.toLocaleString('en-US')} characters`;
    return (
      `the pattern ${this.display} could take seconds on this text (${figures} is more than the ${MAX_WORK.toLocaleString('en-US')} promptgate allows); ` +
      'use a smaller pattern, or max-length for a length limit'
    );
  }

  test(text: string): boolean {
    this.checkCost(text);
    return this.program.test(text);
  }

  firstMatch(text: string): string | undefined {
    this.checkCost(text);
    // Locating a match costs more than test()'s DFA alone: callers ask only once they know there is one.
    return this.program.exec(text)?.[0];
  }

  /** Ajv keys the patterns it shares between schemas by this. */
  toString(): string {
    return this.display;
  }

  private checkCost(text: string): void {
    const tooCostly = this.tooCostlyFor(text);
    if (tooCostly !== undefined) throw new Error(tooCostly);
    if (evaluationBudget === undefined) return;
    evaluationBudget.left -= this.size * text.length;
    if (evaluationBudget.left < 0) {
      throw new Error(
        `the patterns could take seconds on this output: matching them over all its strings is more than the ${MAX_WORK.toLocaleString('en-US')} ` +
          'units of work (RE2 instructions × characters) promptgate allows for one assertion; use smaller patterns, or check fewer or shorter strings',
      );
    }
  }
}

// Compiled once per pattern and flags: 2,000 cases often share one, and JSON Schemas repeat theirs.
// Bounded, least recently used first out, because each entry keeps RE2's DFA states.
const compiled = new Map<string, CompiledRegex>();

export function compileSafeRegex(source: string, flags: string): CompiledRegex {
  const key = `${flags}/${source}`;
  let result = compiled.get(key);
  if (result) compiled.delete(key);
  else result = compile(source, flags);
  compiled.set(key, result);
  if (compiled.size > MAX_CACHED) compiled.delete(compiled.keys().next().value!);
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
  return { ok: true, value: new Re2Regex(display, program, size) };
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
