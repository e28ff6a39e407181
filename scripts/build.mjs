// Bundles the CLI and the GitHub Action into single files so that neither an npm install nor
// module resolution stands between the user and the first request. dist/ is committed: a workflow
// that uses the action runs dist/index.js as it is, with no install step.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { precompiledSchemasPlugin } from './precompile-schemas.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  plugins: [await precompiledSchemasPlugin(root)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { PROMPTGATE_VERSION: JSON.stringify(pkg.version) },
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);" },
};

await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } });

// The action runs on the runner's Node 24 (action.yml: `using: node24`).
await build({ ...common, target: 'node24', entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
