import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ (and fetches Node 24) once, before any test: the end-to-end tests run what src/ holds now.
    globalSetup: ['test/support/global-setup.ts'],
    // toStartWith / toEndWith, whose failures show what differed.
    setupFiles: ['test/support/matchers.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // One worker per core, not vitest's default of one fewer (a single worker on a 2-core runner):
    // the end-to-end tests spend most of their time waiting on the child processes they start.
    maxWorkers: availableParallelism(),
    // A worker runs its test files one after another in one process, sharing loaded modules,
    // instead of a new process per file (which cost more than the tests themselves). The tests
    // keep no state between files: servers, temp dirs, fake timers and env changes are undone after each.
    isolate: false,
  },
});
