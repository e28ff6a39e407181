// Compiled JSON Schema validators, one per distinct schema. Compiling is the expensive part of
// validation and a suite of 2,000 cases commonly shares one schema, so compile once and reuse.
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';
import { quote } from './describe.js';
import { compileSafeRegex, type SafeRegex } from './safe-regex.js';
import type { Parsed } from './verdict.js';

// ajv-formats is CommonJS: under NodeNext the default import is typed as the module object;
// its `.default` is the plugin both at type level and at runtime.
const addFormats = formatsModule.default;

/**
 * `pattern`, `patternProperties` and `propertyNames` patterns come from the prompt file, so they run
 * on RE2 in linear time like the `regex` assertion. Ajv calls this while compiling, with the u flag;
 * a refused pattern throws, and compileSchema reports the schema as invalid with the reason.
 */
const linearTimeRegExp = Object.assign(
  (pattern: string, flags: string): SafeRegex => {
    const compiled = compileSafeRegex(pattern, flags);
    if (!compiled.ok) throw new Error(`pattern ${quote(pattern)}: ${compiled.message}`);
    return compiled.value;
  },
  // Ajv writes this into standalone code only, which these validators never produce.
  { code: 'promptgate-re2' },
);

const OPTIONS: Options = {
  // Report every failing path, not just the first, so a reason can name a few.
  allErrors: true,
  // Schemas written for OpenAI structured outputs carry keywords Ajv's strict mode rejects.
  strict: false,
  // Strict mode would also test each patternProperties pattern against the property names with
  // JavaScript's own engine while compiling; it is off above, and this keeps it off.
  allowMatchingProperties: true,
  // Without this, two different schemas that reuse one `$id` would collide in a shared instance.
  addUsedSchema: false,
  code: { regExp: linearTimeRegExp },
};

type Draft = 'draft-07' | '2019-09' | '2020-12';

function draftOf(schema: Record<string, unknown>): Draft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('2020-12')) return '2020-12';
  if (declared.includes('2019-09')) return '2019-09';
  return 'draft-07';
}

const instances = new Map<Draft, Ajv | Ajv2019 | Ajv2020>();

function instanceFor(draft: Draft): Ajv | Ajv2019 | Ajv2020 {
  let instance = instances.get(draft);
  if (!instance) {
    instance = draft === '2020-12' ? new Ajv2020(OPTIONS) : draft === '2019-09' ? new Ajv2019(OPTIONS) : new Ajv(OPTIONS);
    addFormats(instance);
    instances.set(draft, instance);
  }
  return instance;
}

const validators = new Map<string, Parsed<ValidateFunction>>();

/** The compiled validator for a schema, or the compiler's message when the schema is not valid. */
export function compileSchema(schema: Record<string, unknown>): Parsed<ValidateFunction> {
  const key = JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) return cached;
  let parsed: Parsed<ValidateFunction>;
  try {
    parsed = { ok: true, value: instanceFor(draftOf(schema)).compile(schema) };
  } catch (error) {
    parsed = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  validators.set(key, parsed);
  return parsed;
}

/** `/age must be integer`, `/name is required`: paths a reader can find in the output. */
export function describeSchemaError(error: ErrorObject): string {
  const at = error.instancePath;
  if (error.keyword === 'required' && typeof error.params.missingProperty === 'string') {
    return `${at}/${error.params.missingProperty} is required`;
  }
  if (error.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string') {
    return `${at}/${error.params.additionalProperty} is not allowed`;
  }
  return `${at === '' ? '(root)' : at} ${error.message ?? `fails ${error.keyword}`}`;
}
