// An esbuild plugin that swaps src/suite/precompiled-schemas.ts for ajv's standalone code of
// promptgate's own schemas, generated with the very ajv set-up the runtime uses (schema-ajv.ts).
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function precompiledSchemasPlugin(root) {
  const workDir = join(root, '.build');
  await mkdir(workDir, { recursive: true });
  const generator = join(workDir, 'generate-validators.mjs');
  await build({
    stdin: {
      contents: `
        import standaloneCode from 'ajv/dist/standalone/index.js';
        import { createSchemaAjv, OWN_SCHEMAS } from './src/suite/schema-ajv.ts';
        export function generate() {
          const ajv = createSchemaAjv({ standalone: true });
          const refs = {};
          for (const [name, schema] of Object.entries(OWN_SCHEMAS)) {
            const id = 'promptgate:' + name;
            ajv.addSchema(schema, id);
            refs[name] = id;
          }
          return standaloneCode(ajv, refs);
        }`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: generator,
    logLevel: 'warning',
    banner: { js: "import { createRequire as __c } from 'node:module'; const require = __c(import.meta.url);" },
  });
  const { generate } = await import(`${pathToFileURL(generator).href}?${Date.now()}`);
  const validators = join(workDir, 'validators.mjs');
  await writeFile(validators, generate());
  return {
    name: 'precompiled-schemas',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /src[\\/]suite[\\/]precompiled-schemas\.ts$/ }, () => ({
        // A path relative to the project, so the bundle and its sourcemap are the same in every checkout.
        contents: `import * as validators from './.build/validators.mjs';\nexport const precompiled = { ...validators };\n`,
        resolveDir: root,
        loader: 'js',
      }));
    },
  };
}
