// Running from source (tests), nothing is precompiled and schema-check compiles at first use. The
// build replaces this module with ajv's standalone code for OWN_SCHEMAS, which spares every CLI run
// the ~40 ms of compiling the prompt-file schema.
import type { ValidateFunction } from 'ajv';

export const precompiled: Partial<Record<'promptFile' | 'config', ValidateFunction>> = {};
