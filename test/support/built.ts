// The bundles this run built (test/support/global-setup.ts) and the Node 24 the Action runs on. Each
// accessor throws what went wrong in the global setup, so an end-to-end test fails rather than
// running a stale dist/ or skipping.
import { join, resolve } from 'node:path';
import { inject } from 'vitest';

export const repoRoot = resolve(import.meta.dirname, '../..');

function assertBuilt(): void {
  const error = inject('buildError');
  if (error === undefined) throw new Error('dist/ was not built by this run: run the tests with `npm test` or `npx vitest`, whose global setup builds it');
  if (error) throw new Error(error);
}

/** dist/cli.js, as built from src/ at the start of this run. */
export function builtCli(): string {
  assertBuilt();
  return join(repoRoot, 'dist/cli.js');
}

/** dist/index.js, as built from src/ at the start of this run. */
export function builtAction(): string {
  assertBuilt();
  return join(repoRoot, 'dist/index.js');
}

/** The Node 24 binary (action.yml: `using: node24`). */
export function node24(): string {
  const node = inject('node24');
  if (!node) throw new Error(inject('node24Error') || 'no Node 24: the global setup did not run');
  return node;
}
