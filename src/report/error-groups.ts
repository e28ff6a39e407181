// Tests that errored the same way, told once. An endpoint that is down, or a judge that keeps
// failing, errors every test with one message; 300 copies of it bury the one thing to fix. The
// console and the Markdown report show such a group as one entry: the error, then the tests.
import type { TestResult } from '../types.js';

/** From this many tests on, an error is told once; two copies of one still read as two tests. */
export const SAME_ERROR_FROM = 3;

export type ProblemEntry =
  | { kind: 'test'; result: TestResult }
  | {
      kind: 'same-error';
      /** The error as every test of the group has it, less the notes that differ between them. */
      error: string;
      /** In report order. */
      results: TestResult[];
    };

/**
 * Failed and errored tests in report order, each errored one either on its own or, when at least
 * SAME_ERROR_FROM tests share its error, in that error's group, placed where its first test was.
 */
export function groupProblems(problems: readonly TestResult[]): ProblemEntry[] {
  const byError = new Map<string, TestResult[]>();
  for (const result of problems) {
    const key = keyOf(result);
    if (key === undefined) continue;
    const group = byError.get(key);
    if (group) group.push(result);
    else byError.set(key, [result]);
  }
  const entries: ProblemEntry[] = [];
  for (const result of problems) {
    const key = keyOf(result);
    const group = key === undefined ? undefined : byError.get(key);
    if (!group || group.length < SAME_ERROR_FROM) entries.push({ kind: 'test', result });
    else if (group[0] === result) entries.push({ kind: 'same-error', error: key!, results: group });
  }
  return entries;
}

function keyOf(result: TestResult): string | undefined {
  return result.status === 'errored' && result.error !== undefined ? errorGist(result.error) : undefined;
}

/**
 * The runner's notes at the end of a failure (src/run/caller.ts, src/run/endpoint-circuit.ts): how
 * many attempts in how long, which differs from test to test, or that the call was never sent
 * because the endpoint's first calls failed this way. Left out, the errors underneath compare equal.
 */
const RUNNER_NOTE = / \((?:[^()]*; )?(?:gave up after \d+ attempts in [\d.]+ s|not sent: [^()]*)\)$/;

/** An error less the runner's note, to compare with others. */
export function errorGist(error: string): string {
  return error.replace(RUNNER_NOTE, '');
}

/** How many tests a group names before "… and N more": enough to recognise them, not a list to scroll. */
export const NAMES_SHOWN = 10;

/**
 * The group's tests by file, names only, at most NAMES_SHOWN of them, for one line of a report:
 * `[{ file, names }]` and how many were left out. Names are the callers' to make safe.
 */
export function namesByFile(results: readonly TestResult[]): { files: { file: string; names: string[] }[]; more: number } {
  const files: { file: string; names: string[] }[] = [];
  for (const result of results.slice(0, NAMES_SHOWN)) {
    const last = files.at(-1);
    if (last && last.file === result.file) last.names.push(result.test);
    else files.push({ file: result.file, names: [result.test] });
  }
  return { files, more: Math.max(0, results.length - NAMES_SHOWN) };
}
