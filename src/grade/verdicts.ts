// Reads what a judge answered. A judge is a model, so its answer is untrusted text: anything that
// is not exactly the verdict asked for is reported as garbage, never guessed into a pass or a fail.
import type { Choice } from '../assert/graded-kinds.js';

export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface RubricVerdict {
  pass: boolean;
  /** 0..1 */
  score: number;
  reason: string;
}

export interface Rating {
  /** 1..5 */
  rating: number;
  reason: string;
}

/** Longest slice of a garbage answer quoted back in a reason. */
const QUOTE_CHARS = 120;

export function readRubricVerdict(answer: string): Read<RubricVerdict> {
  const object = readJsonObject(answer);
  if (!object.ok) return object;
  const { pass, score, reason } = object.value;
  if (typeof pass !== 'boolean') return garbage(answer, 'it has no true/false "pass"');
  if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 1) {
    return garbage(answer, `its "score" must be a number from 0 to 1, got ${JSON.stringify(score) ?? 'nothing'}`);
  }
  if (typeof reason !== 'string') return garbage(answer, 'it has no "reason" text');
  return { ok: true, value: { pass, score, reason: reason.trim() } };
}

export function readRating(answer: string): Read<Rating> {
  const object = readJsonObject(answer);
  if (!object.ok) return object;
  const { rating, reason } = object.value;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
    return garbage(answer, `its "rating" must be a whole number from 1 to 5, got ${JSON.stringify(rating) ?? 'nothing'}`);
  }
  if (typeof reason !== 'string') return garbage(answer, 'it has no "reason" text');
  return { ok: true, value: { rating, reason: reason.trim() } };
}

/**
 * The choice a free-text judge answered, as GitHub Models' `llm` evaluators expect: the whole
 * answer, else its last line with an optional label (`Score: 4`), since judges asked to reason
 * first put the verdict last. GitHub took the first choice found anywhere in the text, so "not
 * good" matched "good" and a "1" inside the reasoning matched choice "1"; anything else is garbage
 * here, never a guess.
 */
export function matchChoice(answer: string, choices: readonly Choice[]): Read<Choice> {
  const normal = (text: string) => text.trim().toLowerCase().replace(/^["'`*\s]+|["'`*.\s]+$/g, '');
  const whole = normal(answer);
  const exact = choices.find((choice) => normal(choice.choice) === whole);
  if (exact) return { ok: true, value: exact };
  const lines = answer.split('\n').filter((line) => line.trim() !== '');
  const lastLine = normal((lines.at(-1) ?? '').replace(/^[^:]{0,40}:\s*/, ''));
  const onLastLine = choices.find((choice) => normal(choice.choice) === lastLine);
  if (onLastLine) return { ok: true, value: onLastLine };
  const names = choices.map((choice) => `"${choice.choice}"`).join(', ');
  return garbage(answer, `it is not one of the choices ${names}, alone or on its last line`);
}

function readJsonObject(answer: string): Read<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripCodeFence(answer));
  } catch {
    return garbage(answer, 'it is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return garbage(answer, 'it is not a JSON object');
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** Endpoints without structured output often wrap JSON in a ```json fence; the content is still the verdict. */
function stripCodeFence(answer: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(answer);
  return fenced ? fenced[1]! : answer;
}

function garbage(answer: string, problem: string): { ok: false; reason: string } {
  const oneLine = answer.replace(/\s+/g, ' ').trim();
  const quoted = oneLine === '' ? 'an empty answer' : `"${oneLine.length > QUOTE_CHARS ? `${oneLine.slice(0, QUOTE_CHARS)}…` : oneLine}"`;
  return { ok: false, reason: `the judge's answer is not a usable verdict: ${problem} (${quoted})` };
}
