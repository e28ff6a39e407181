// Validates a prompt file's data against schema/promptgate.schema.json — the one description of
// the file's structure, shared with editors — and turns ajv's errors into problems a person can
// act on, each at the line and column of the node concerned.
import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from './did-you-mean.js';
import { precompiled } from './precompiled-schemas.js';
import type { ProblemList } from './problems.js';
import { createSchemaAjv, OWN_SCHEMAS } from './schema-ajv.js';
import type { PathSegment } from './source-map.js';

export const promptFileSchema: Record<string, unknown> = OWN_SCHEMAS.promptFile;

const compiled = new WeakMap<object, ValidateFunction>();

function validator(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    const name = (Object.keys(OWN_SCHEMAS) as (keyof typeof OWN_SCHEMAS)[]).find((key) => OWN_SCHEMAS[key] === schema);
    validate = (name && precompiled[name]) || createSchemaAjv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Checks `data` against a schema (the prompt file's unless another is given, e.g. the config file's). */
export function checkAgainstSchema(data: unknown, problems: ProblemList, schema: Record<string, unknown> = promptFileSchema): void {
  const validate = validator(schema);
  if (validate(data)) return;
  for (const error of relevantErrors(validate.errors ?? [])) report(error, problems);
}

// Assertion types and the short assertion form are checked by the assertion reader, which knows
// the registered handlers and can say what is wrong in one message instead of three.
const CHECKED_ELSEWHERE = ['#/definitions/assertionType', '#/definitions/shortAssertion'];

function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const kept = errors.filter(
    (error) => error.keyword !== 'if' && !CHECKED_ELSEWHERE.some((prefix) => error.schemaPath.startsWith(prefix)),
  );
  // A value of the wrong type also fails every other rule at its path (and, through if/then/else,
  // sometimes a second type rule): the first type error is the one that matters.
  const wrongType = new Set<string>();
  return kept.filter((error) => {
    if (wrongType.has(error.instancePath)) return false;
    if (error.keyword === 'type') wrongType.add(error.instancePath);
    return true;
  });
}

function report(error: ErrorObject, problems: ProblemList): void {
  const path = parsePointer(error.instancePath);
  const source = problems.source;
  const label = labelOf(path);
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      const hint = didYouMean(property, allowed) || `; allowed here: ${allowed.join(', ')}`;
      problems.error(source.keyNodeAt(path, property), `unknown property "${property}"${where(path)}${hint}`);
      return;
    }
    case 'required': {
      const property = String(params.missingProperty);
      problems.error(source.nearestNodeAt(path), `missing "${property}"${where(path)}${REQUIRED_HINTS[property] ?? ''}`);
      return;
    }
    case 'type': {
      const expected = String(params.type).split(',').map(describeType).join(' or ');
      problems.error(source.nearestNodeAt(path), `expected ${expected} for ${label}, got ${describeValue(error.data)}${typeHint(String(params.type), error.data)}`);
      return;
    }
    case 'enum': {
      const allowed = ((params.allowedValues as unknown[]) ?? []).map(String);
      const value = error.data;
      const hint = (typeof value === 'string' && didYouMean(value, allowed)) || `; expected one of: ${allowed.join(', ')}`;
      problems.error(source.nearestNodeAt(path), `${describeValue(value)} is not a valid ${label}${hint}`);
      return;
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const bound = error.keyword.includes('inimum') ? 'at least' : 'at most';
      const exclusive = error.keyword.startsWith('exclusive') ? ' (exclusive)' : '';
      problems.error(
        source.nearestNodeAt(path),
        `${label} must be ${bound} ${String(params.limit)}${exclusive}, got ${describeValue(error.data)}${(path[0] === 'gates' ? GATE_RANGE_HINTS : RANGE_HINTS)[label] ?? ''}`,
      );
      return;
    }
    case 'minItems':
      problems.error(source.nearestNodeAt(path), `${label} is empty; add at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`);
      return;
    case 'minProperties':
    case 'maxProperties': {
      const allowed = Object.keys((error.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
      problems.error(source.nearestNodeAt(path), `${label} needs exactly one of: ${allowed.join(', ')}`);
      return;
    }
    case 'pattern': {
      const rule = PATTERN_RULES[String(path.at(-2))];
      const what = rule ? `a valid ${rule.what}: ${rule.rule}` : `valid: it must match ${String(params.pattern)}`;
      problems.error(source.nearestNodeAt(path), `${describeValue(error.data)} (${label}) is not ${what}`);
      return;
    }
    case 'maxItems':
      problems.error(source.nearestNodeAt(path), `${label} has more than ${String(params.limit)} items; keep at most ${String(params.limit)}`);
      return;
    default:
      problems.error(source.nearestNodeAt(path), `${label} ${error.message ?? 'is not valid'}`);
  }
}

function typeHint(expected: string, data: unknown): string {
  if (expected === 'string' && (typeof data === 'number' || typeof data === 'boolean')) return ' (put it in quotes to make it text)';
  // `vars:` with nothing after it is YAML for null, an easy slip while drafting.
  if (data === null && expected === 'object') return '; write `{}` for none, or remove the line';
  if (data === null && expected === 'array') return '; write `[]` for none, or remove the line';
  return '';
}

const REQUIRED_HINTS: Record<string, string> = {
  messages: '; a prompt file needs a list of messages, e.g. `messages:` then `- role: user` and `content: ...`',
  role: '; each message needs a role: system, developer, user or assistant',
  content: '; each message needs the text to send as `content:`',
  type: '; the long form of an assertion is `type: contains` with `value: ...`',
  name: '',
  schema: '; a json_schema response format needs the JSON Schema under `schema:`',
};

/** What a value must look like, by the list it is an item of. */
const PATTERN_RULES: Record<string, { what: string; rule: string }> = {
  tags: { what: 'tag', rule: 'use letters, digits, ".", "_" and "-", starting with a letter or digit, at most 64 characters (e.g. `safety`, `billing-v2`)' },
};

/** A config gate's measures read over tests, not samples. */
const GATE_RANGE_HINTS: Record<string, string> = {
  minPassRate: ' (a fraction: 0.95 means 95% of the tests must pass)',
};

const RANGE_HINTS: Record<string, string> = {
  minPassRate: ' (a fraction: 0.8 means 80% of the samples must pass)',
  repeat: ' (how many times each test is sampled)',
  threshold: ' (a score from 0 to 1)',
  timeout: ' (milliseconds: 86400000 is 24 hours)',
  maxRetryTime: ' (milliseconds: 86400000 is 24 hours)',
};

function parsePointer(pointer: string): PathSegment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** `temperature`, or `item 2 of messages` for an element of a list. */
function labelOf(path: PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `item ${last + 1} of ${parent === undefined ? 'the list' : String(parent)}`;
  }
  return last;
}

function where(path: PathSegment[]): string {
  return path.length === 0 ? ' at the top level' : ` in ${labelOf(path)}`;
}

function describeType(type: string): string {
  switch (type) {
    case 'number':
      return 'a number';
    case 'integer':
      return 'a whole number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping (key: value lines)';
    case 'array':
      return 'a list (lines starting with "- ")';
    default:
      return type;
  }
}

export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
