// A file whose tests × samples exceed what one run may make can never run: every case is planned
// before the first call, so 10^8 of them would exhaust the heap instead of reporting anything.
// Said here, at validate time, at the line that makes the file so large.
import { MAX_CASES, MAX_RENDERED_CHARS } from '../limits.js';
import { formatCount } from '../report/numbers.js';
import { findPlaceholders, renderedLength } from '../template.js';
import type { Problem, Suite } from '../types.js';
import type { DraftSuite } from './draft.js';
import type { ProblemList } from './problems.js';

export function checkCaseCount(suite: DraftSuite, problems: ProblemList): void {
  let calls = 0;
  let largest = suite.tests[0];
  for (let i = 0; i < suite.tests.length; i++) {
    const test = suite.tests[i]!;
    calls += test.repeat;
    if (test.repeat > largest!.repeat) largest = test;
  }
  if (calls <= MAX_CASES || !largest) return;
  const source = problems.source;
  const testsKey = suite.format === 'github-models' ? 'testData' : 'tests';
  // The repeat that multiplies the most, else the list of tests itself.
  const node =
    source.nodeAt(['repeat']) ??
    (largest.repeat > 1 ? source.nodeAt([testsKey, largest.index, 'repeat']) : undefined) ??
    source.keyNodeAt([], testsKey) ??
    source.root;
  const repeat = suite.tests[0]!.repeat;
  const samples = suite.tests.every((test) => test.repeat === repeat) ? ` × ${formatCount(repeat)} samples` : ' with their repeats';
  problems.error(
    node,
    `this file's ${formatCount(suite.tests.length)} tests${samples} make ${formatCount(calls)} model calls a run; ` +
      `at most ${formatCount(MAX_CASES)} are allowed: lower \`repeat\`, or split the tests over several files`,
  );
}

/**
 * The same limit for a whole run, before a single case is planned: several files, `--repeat` over a
 * large file, or several models can add up to more than one file may hold. `suites`: the tests selected.
 */
export function runSizeProblem(suites: readonly Suite[], selection: { repeat?: number | undefined; models?: number }): Problem | undefined {
  const perFile: { file: string; calls: number }[] = [];
  let total = 0;
  for (const suite of suites) {
    let calls = 0;
    for (const test of suite.tests) calls += (selection.repeat ?? test.repeat) * (selection.models ?? 1);
    if (calls > 0) perFile.push({ file: suite.file, calls });
    total += calls;
  }
  if (total <= MAX_CASES) return undefined;
  const largest = perFile.sort((a, b) => b.calls - a.calls).slice(0, LISTED_FILES);
  const more = perFile.length > LISTED_FILES ? `, and ${formatCount(perFile.length - LISTED_FILES)} more files` : '';
  const listed = largest.map(({ file, calls }) => `${file}: ${formatCount(calls)}`).join(', ') + more;
  return runProblem(
    `this run would make ${formatCount(total)} model calls (${listed}); at most ${formatCount(MAX_CASES)} are allowed in one run: ` +
      'select fewer files or tests, or sample fewer times (repeat)',
  );
}

/**
 * Every prompt a run renders is held until its samples are done: files that each fit can still add
 * up to more than memory holds. Counted without rendering, as the per-file check is. `suites`: the
 * tests selected; a test's prompt is rendered once, however many models run it.
 */
export function runPromptSizeProblem(suites: readonly Suite[]): Problem | undefined {
  let total = 0;
  for (const suite of suites) {
    const texts = suite.messages.map((message) => ({ text: message.content, placeholders: findPlaceholders(message.content) }));
    for (const test of suite.tests) {
      for (const { text, placeholders } of texts) total += renderedLength(text, placeholders, test.vars);
    }
  }
  if (total <= MAX_RENDERED_CHARS) return undefined;
  return runProblem(
    `this run's prompts, with their placeholders filled, add up to ${formatCount(total)} characters; at most ` +
      `${formatCount(MAX_RENDERED_CHARS)} are allowed in one run: select fewer files or tests`,
  );
}

/** A problem of the run as a whole: no one file or line makes it. */
function runProblem(message: string): Problem {
  return { file: '', line: 0, column: 0, severity: 'error', message };
}

const LISTED_FILES = 3;
