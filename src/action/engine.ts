// The Action's run over the engine (src/engine/engine.ts), wired once per job: one provider, one
// cache, one grading setup and one concurrency limit shared by the head and the base runs. What is
// the Action's own: the job's grading announced up front and told as an input error, a stop told
// as a RunStopped with what was done, and the report redacted once more at the edge.
import type { Case, Problem, RunReport, Suite } from '../types.js';
import { checkCostAssertionPrices } from '../cost/check-prices.js';
import { createEngine as assembleEngine, type CompareInput } from '../engine/engine.js';
import type { SideBySide } from '../side-by-side/compare-sides.js';
import { buildReport } from '../run/score.js';
import { gradingInputError, JobGrading } from './job-grading.js';
import { redactDeep, type Redactor } from '../redact.js';
import { RunStopped } from './run-stopped.js';
import type { ActionSettings } from './run-settings.js';
import { VERSION } from '../version.js';

export interface Engine {
  /** The calls to make for `suites`, or problems (such as a file with no model) that prevent some. */
  plan(suites: Suite[]): { cases: Case[]; problems: Problem[] };
  /**
   * Throws an InputError, before any call, when graded assertions need a judge that cannot be used;
   * a RunStopped, with the tests that finished (`summary.interrupted` counts the others), when the
   * runner stopped the run.
   */
  execute(cases: Case[]): Promise<RunReport>;
  /**
   * Runs the head's suites against the base's in rounds and decides each test's change (see
   * side-by-side/compare-sides.ts). Throws as `execute` does; a stop ends the rounds, and the
   * RunStopped carries both sides as far as they got.
   */
  compare(input: Omit<CompareInput, 'signal'>): Promise<SideBySide>;
}

/** What tells a run to stop (the runner's SIGINT and SIGTERM), and which signal did. */
export interface StopRequest {
  readonly abortSignal: AbortSignal;
  readonly received: string | undefined;
}

export function createEngine(settings: ActionSettings, redact: Redactor, warn: (message: string) => void, stop?: StopRequest): Engine {
  const engine = assembleEngine(settings, { cwd: settings.workspace, redact, version: VERSION, warn: (message) => warn(redact(message)) });
  let runs = 0;
  const grading = new JobGrading(settings);
  /**
   * One run of `cases`, redacted (the caller says what a stop means). A stop errors what was not
   * finished, or with `leaveOutUnfinished` (a run reported as it is) leaves it out and counts it.
   */
  const runCases = async (cases: Case[], leaveOutUnfinished = false): Promise<RunReport> => {
    // Nothing to run: no provider, no cache, no key needed.
    if (cases.length === 0) return emptyReport();
    const prepared = await grading.setupFor(cases, () => engine.gradingEnvironment());
    if (!prepared.ok) throw gradingInputError(prepared.reason, runs === 0);
    runs++;
    const report = await engine.run(cases, {
      ...(prepared.setup ? { grading: prepared.setup } : {}),
      ...(stop ? { signal: stop.abortSignal } : {}),
      ...(leaveOutUnfinished ? { leaveOutUnfinished } : {}),
    });
    // The core redacted it already; once more at the edge costs a walk and survives a refactor.
    return redactDeep(report, redact);
  };
  return {
    plan(suites) {
      const plan = engine.plan(suites);
      grading.announce(plan.cases);
      // As in the CLI: a cost limit on a model without a price could only fail; say so before any call.
      return { cases: plan.cases, problems: [...plan.problems, ...checkCostAssertionPrices(plan.cases, settings.grading.prices)] };
    },
    async execute(cases) {
      const report = await runCases(cases, true);
      if (stop?.received) throw new RunStopped(stop.received, report);
      return report;
    },
    async compare(input) {
      // A stop inside a round errors that round's unfinished calls and starts no further round:
      // the rounds' results so far are whole, and the RunStopped carries them.
      const sides = await engine.compare({ ...input, ...(stop ? { signal: stop.abortSignal } : {}) }, { run: (cases) => runCases(cases) });
      const redacted: SideBySide = { ...sides, head: redactDeep(sides.head, redact) };
      if (sides.base) redacted.base = redactDeep(sides.base, redact);
      if (stop?.received) throw new RunStopped(stop.received, redacted.head, redacted.base);
      return redacted;
    },
  };
}

/** The report of a run that had nothing to run. */
export function emptyReport(): RunReport {
  return buildReport([], [], { startedAt: new Date().toISOString(), durationMs: 0, requests: 0, cacheHits: 0, version: VERSION });
}
