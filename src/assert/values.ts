// Parsers for the value shapes several handlers share. Messages say what to write instead;
// the loader prefixes them with file:line:column.
import type { Parsed } from './verdict.js';

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/**
 * Text to look for. Numbers and booleans are accepted as their text because YAML turns
 * `contains: 30` into a number, and the author clearly means the characters "30".
 */
export function textValue(type: string, example: string): (value: unknown) => Parsed<string> {
  return (value) => {
    if (typeof value === 'string') return { ok: true, value };
    if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') {
      return { ok: true, value: String(value) };
    }
    return { ok: false, message: `${type} needs a text value, got ${describeType(value)}; write e.g. ${type}: ${example}` };
  };
}

export function nonEmptyTextValue(type: string, example: string): (value: unknown) => Parsed<string> {
  const parseText = textValue(type, example);
  return (value) => {
    const parsed = parseText(value);
    if (parsed.ok && parsed.value === '') {
      return { ok: false, message: `${type} needs non-empty text (an empty string always matches); write e.g. ${type}: ${example}` };
    }
    return parsed;
  };
}

export function textListValue(type: string): (value: unknown) => Parsed<string[]> {
  const example = `${type}: ["refund", "return"]`;
  return (value) => {
    if (!Array.isArray(value)) {
      return { ok: false, message: `${type} needs a list of strings, got ${describeType(value)}; write e.g. ${example}` };
    }
    if (value.length === 0) {
      return { ok: false, message: `${type} needs at least one string, got an empty list; write e.g. ${example}` };
    }
    const items: string[] = [];
    for (const [index, item] of value.entries()) {
      if (typeof item === 'string') items.push(item);
      else if ((typeof item === 'number' && Number.isFinite(item)) || typeof item === 'boolean') items.push(String(item));
      else {
        return { ok: false, message: `${type} item ${index + 1} is ${describeType(item)}, not a string; write e.g. ${example}` };
      }
    }
    return { ok: true, value: items };
  };
}

/** A whole number from 0 to `max` (src/limits.ts: past it the limit is a typo, never a plan). */
export function nonNegativeIntegerValue(type: string, unit: string, example: number, max: number): (value: unknown) => Parsed<number> {
  return (value) => {
    const whole = typeof value === 'number' && Number.isInteger(value) && value >= 0;
    if (whole && value <= max) return { ok: true, value };
    if (whole) return { ok: false, message: `${type} takes at most ${max} ${unit}, got ${value}; write e.g. ${type}: ${example}` };
    const got = typeof value === 'number' ? String(value) : describeType(value);
    return {
      ok: false,
      message: `${type} needs a non-negative whole number of ${unit}, got ${got}; write e.g. ${type}: ${example}`,
    };
  };
}

export function noValue(type: string, hint: string): (value: unknown) => Parsed<undefined> {
  return (value) => {
    // `true` is allowed because the short form `- is-json: true` is how many people write a flag.
    if (value === undefined || value === null || value === true) return { ok: true, value: undefined };
    return { ok: false, message: `${type} takes no value, got ${describeType(value)}; ${hint}` };
  };
}
