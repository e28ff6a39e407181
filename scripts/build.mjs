// Bundles the CLI and the GitHub Action into single files so that neither an npm install nor
// module resolution stands between the user and the first request. dist/ is committed: a workflow
// that uses the action runs dist/index.js as it is, with no install step.
//
// `npm test` runs this too (test/support/global-setup.ts), often while another test run is reading
// dist/: each file is replaced by a rename, never rewritten in place, and left alone when unchanged.
import { build } from 'esbuild';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { precompiledSchemasPlugin } from './precompile-schemas.mjs';
import { bundledPackageDirs, licensesText } from './third-party-licenses.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  plugins: [await precompiledSchemasPlugin(root)],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // The maps stay in the repository (and so in every tag the Action runs from), where a stack trace
  // from a bug report can be mapped back to src/. The npm package leaves dist/cli.js.map out
  // (package.json `files`): nothing reads it at run time — Node ignores maps without
  // --enable-source-maps, and ignores a missing one with it — and it was over two thirds of the
  // installed size.
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  metafile: true,
  define: { PROMPTGATE_VERSION: JSON.stringify(pkg.version) },
  // See scripts/no-debug.mjs: the proxy agents' debug log would print the API key.
  alias: { debug: './scripts/no-debug.mjs' },
  // Some bundled CommonJS dependencies call require() for Node built-ins.
  banner: { js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);" },
};

const results = await Promise.all([
  build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } }),
  // The action runs on the runner's Node 24 (action.yml: `using: node24`).
  build({ ...common, target: 'node24', entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
]);

for (const file of results.flatMap((result) => result.outputFiles)) await replaceIfChanged(file.path, file.contents);
// Other people's code is in the bundles, and their licences go with it.
const licenses = await licensesText(root, bundledPackageDirs(results.map((result) => result.metafile)));
await replaceIfChanged(`${root}dist/licenses.txt`, Buffer.from(licenses));

async function replaceIfChanged(path, contents) {
  const current = await readFile(path).catch(() => undefined);
  if (current && Buffer.compare(current, contents) === 0) return;
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, path);
}
