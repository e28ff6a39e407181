// The one ajv set-up for promptgate's own schemas, shared by the runtime check and the build's
// precompilation, so that both validate — and word their errors — exactly alike.
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import promptFileSchema from '../../schema/promptgate.schema.json' with { type: 'json' };
import configSchema from '../../schema/config.schema.json' with { type: 'json' };

/** The schemas promptgate validates its own inputs with, by the name the precompiled module exports. */
export const OWN_SCHEMAS = { promptFile: promptFileSchema, config: configSchema } as const;

export function createSchemaAjv(options: { standalone?: boolean } = {}): Ajv {
  // verbose: errors carry the offending data and the schema around it, used for suggestions.
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    ...(options.standalone ? { code: { source: true, esm: true } } : {}),
  });
  // ajv-formats is CommonJS; depending on the loader its function is the module or its default.
  const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => void;
  addFormats(ajv);
  return ajv;
}
