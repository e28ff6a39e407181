// Runs once before any test file: builds dist/ from src/ and makes sure a Node 24 is at hand, so the
// end-to-end tests can never run a stale bundle or a Node the Action does not run on. A failure here
// does not stop the run: it is handed to the tests, and every end-to-end test fails with it
// (test/support/built.ts) while the tests of the source still report.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const repoRoot = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Why dist/ could not be built, or '' when it was built by this run. */
    buildError: string;
    /** The Node 24 binary, or '' when none could be had (then `node24Error` says why). */
    node24: string;
    node24Error: string;
  }
}

function runScript(script: string): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [resolve(repoRoot, script)], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ ok: !error, stdout, stderr: stderr || error?.message || '' }),
    );
  });
}

async function buildBundles(project: TestProject): Promise<void> {
  const result = await runScript('scripts/build.mjs');
  project.provide('buildError', result.ok ? '' : `\`npm run build\` failed, so the end-to-end tests cannot run:\n${result.stderr}`);
}

export default async function setup(project: TestProject): Promise<void> {
  const [, node] = await Promise.all([buildBundles(project), runScript('scripts/ensure-node24.mjs')]);
  project.provide('node24', node.ok ? node.stdout.trim() : '');
  project.provide('node24Error', node.ok ? '' : `Node 24 is needed to run the action (action.yml: using node24) and could not be had:\n${node.stderr}`);
  // In watch mode, a re-run tests what src/ holds now.
  project.onTestsRerun(() => buildBundles(project));
}
