// `is-json` and `json-schema`: the output, trimmed, must parse as JSON (and match a schema).
import { quote } from './describe.js';
import { withSharedWorkBudget } from './safe-regex.js';
import { compileSchema, describeSchemaError } from './schema-validators.js';
import { noValue } from './values.js';
import { defineHandler, type AssertionHandler, type Parsed } from './verdict.js';
import type { ValidateFunction } from 'ajv';

/** Schema failures named in one reason; the rest are counted. */
const MAX_LISTED_SCHEMA_ERRORS = 3;

type JsonParse = { ok: true; value: unknown } | { ok: false; problem: string };

function parseOutput(output: string): JsonParse {
  const text = output.trim();
  if (text === '') return { ok: false, problem: 'got an empty output' };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // Newer engines quote a raw slice of the input in the message; keep the reason on one line.
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    // Models often wrap JSON in a Markdown fence; say so, since the parser's message won't.
    const fenced = text.startsWith('```') ? ' (the output is wrapped in a ``` code fence)' : '';
    return { ok: false, problem: `got invalid JSON${fenced}: ${message}` };
  }
}

export const isJson: AssertionHandler = defineHandler({
  parse: noValue('is-json', 'to check the shape of the JSON, use json-schema'),
  evaluate(_value, output) {
    const parsed = parseOutput(output);
    return {
      kind: 'checked',
      pass: parsed.ok,
      positive: 'output to be valid JSON',
      negative: 'output not to be valid JSON',
      detail: parsed.ok ? `got ${quote(output.trim())}` : parsed.problem,
    };
  },
});

const SCHEMA_EXAMPLE = 'json-schema: {type: object, required: [name], properties: {name: {type: string}}}';

function parseSchema(value: unknown): Parsed<ValidateFunction> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: `json-schema needs a JSON Schema mapping; write e.g. ${SCHEMA_EXAMPLE}` };
  }
  const compiled = compileSchema(value as Record<string, unknown>);
  if (!compiled.ok) return { ok: false, message: `json-schema value is not a valid JSON Schema: ${compiled.message}` };
  return compiled;
}

export const jsonSchema: AssertionHandler = defineHandler({
  parse: parseSchema,
  evaluate(validate, output) {
    const positive = 'output to match the JSON schema';
    const negative = 'output not to match the JSON schema';
    const parsed = parseOutput(output);
    if (!parsed.ok) return { kind: 'checked', pass: false, positive, negative, detail: parsed.problem };
    // Its patterns share one budget: the output may hold thousands of strings to match.
    if (withSharedWorkBudget(() => validate(parsed.value))) return { kind: 'checked', pass: true, positive, negative, detail: 'it matches' };
    const errors = validate.errors ?? [];
    const listed = errors.slice(0, MAX_LISTED_SCHEMA_ERRORS).map(describeSchemaError).join('; ');
    const more = errors.length > MAX_LISTED_SCHEMA_ERRORS ? `; and ${errors.length - MAX_LISTED_SCHEMA_ERRORS} more` : '';
    return { kind: 'checked', pass: false, positive, negative, detail: `got ${listed}${more}` };
  },
});
