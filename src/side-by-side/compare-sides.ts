// Runs a suite as it is (the head) and as it was (the base) and decides, test by test, whether it
// changed. Both sides are sampled in rounds: every compared test gets the design's first look, and
// only tests whose evidence is still undecided get the next, the most promising first while the
// run's call budget lasts. Samples are numbered, so a cached answer is reused across rounds and
// runs. Tests at the head only are `new` and run their own `repeat`; tests only at the base are not
// run, as there is nothing at the head to review.
import { designOf, type CompareSettings } from '../compare/design.js';
import { decide, stopDiscoveries, TestSequence, type Direction, type SequentialDesign } from '../compare/sequential.js';
import { scoreTest } from '../run/score.js';
import type { ExpandOptions } from '../suite/expand.js';
import type { Case, ComparisonChange, ComparisonSummary, EndpointDown, Problem, RunEndpoints, RunReport, SampleResult, Suite, TestDefinition, TestResult } from '../types.js';
import { evidenceOf, sideReport } from './evidence.js';
import { sideReportOf, type SideFacts } from './side-report.js';

export interface SideBySidePorts {
  /** The cases for `suites`, each test's samples from the window `samples` gives it. */
  plan(suites: Suite[], samples: NonNullable<ExpandOptions['samples']>): { cases: Case[]; problems: Problem[] };
  /** Runs one round's cases, both sides together: the whole report. */
  run(cases: Case[]): Promise<RunReport>;
}

export interface SideBySideInput {
  head: Suite[];
  /** The base's suites that can run; a head file with no base suite here is new. */
  base: Suite[];
  /**
   * A recorded base instead (`--baseline`: an earlier run's results): its samples are the base side
   * as they are, and only the head is sampled. `base` is then ignored.
   */
  baseline?: RunReport;
  /** The base path of a head file that was renamed. */
  renamedFrom?: ReadonlyMap<string, string>;
  settings: CompareSettings;
  /** `--repeat`: this many samples a side for every compared test, in one look. */
  fixedSamples?: number;
  /** The direction worth samples for a test; regressions by default. */
  watch?: (file: string, test: string) => Direction;
  /** Checked between rounds: once aborted, no further round starts. */
  signal?: AbortSignal;
  /** Told before each round: its number (1-based) and how many calls it plans. */
  onRound?: (round: number, calls: number) => void;
}

export interface SideBySide {
  /** Every head test, each with its `comparison`; `summary.comparison` has the counts. */
  head: RunReport;
  /** The compared tests as the base ran them (or as the baseline recorded them); absent when nothing had a base. */
  base?: RunReport;
  /** Tests the base has and the head does not: not run, listed for the reports. */
  removed: { file: string; test: string }[];
  /** Why a round's cases could not be planned (the callers check the run's size first; this is the guard). */
  problems: Problem[];
}

/** Base suites run under another file name, so a file at the same path on both sides stays two files in one round. */
const BASE_MARK = '\u0000base\u0000';

interface Side {
  suite: Suite;
  test: TestDefinition;
  samples: SampleResult[];
  first?: Case;
}

/** A base test as an earlier run recorded it: its samples are all there will be. */
interface RecordedSide {
  recorded: TestResult;
  samples: SampleResult[];
}

interface Pair {
  head: Side;
  base?: Side | RecordedSide;
  sequence?: TestSequence;
  /** Samples a side planned so far. */
  taken: number;
}

export async function compareSides(input: SideBySideInput, ports: SideBySidePorts): Promise<SideBySide> {
  const started = Date.now();
  const design = designOf(input.settings, input.fixedSamples);
  const { pairs, removed } = pairTests(input, design);
  const compared = pairs.filter((pair) => pair.sequence);
  const sequences = compared.map((pair) => pair.sequence!);
  const budget = Math.ceil(input.settings.budgetPerTest * compared.length);
  const rounds = new RoundFacts();
  const problems: Problem[] = [];
  let planned = 0;
  let interrupted = false;

  for (let round = 1; ; round++) {
    const windows = new Map<TestDefinition, { from: number; to: number }>();
    const wanting = round === 1 ? pairs : compared.filter((pair) => pair.sequence!.nextSamples() !== undefined);
    // The most promising first, so that a budget too small for every test is spent where a change shows.
    if (round > 1) wanting.sort((a, b) => a.sequence!.promise() - b.sequence!.promise());
    for (const pair of wanting) {
      const to = pair.sequence ? pair.sequence.nextSamples()! : (input.fixedSamples ?? pair.head.test.repeat);
      const calls = !pair.base ? 0 : (to - pair.taken) * (isRecorded(pair.base) ? 1 : 2);
      // The first look is never cut: without it there is nothing to compare.
      if (round > 1 && planned + calls > budget) {
        pair.sequence!.stopForBudget();
        continue;
      }
      planned += calls;
      windows.set(pair.head.test, { from: pair.taken, to });
      if (pair.base && !isRecorded(pair.base)) windows.set(pair.base.test, { from: pair.taken, to });
      pair.taken = to;
    }
    if (windows.size === 0) break;
    const samples = (test: TestDefinition) => windows.get(test);
    const touched = (suite: Suite) => suite.tests.some((test) => windows.has(test));
    const baseSuites = (input.baseline ? [] : input.base).filter(touched).map((suite) => ({ ...suite, file: BASE_MARK + suite.file }));
    const headPlan = ports.plan(input.head.filter(touched), samples);
    const basePlan = ports.plan(baseSuites, samples);
    problems.push(...headPlan.problems, ...basePlan.problems.map((problem) => ({ ...problem, file: problem.file.replace(BASE_MARK, '') })));
    if (problems.some((problem) => problem.severity === 'error')) break;
    const cases = [...headPlan.cases, ...basePlan.cases];
    input.onRound?.(round, cases.length);
    const report = await ports.run(cases);
    const modelsOf = (plan: { cases: Case[] }) => new Set(plan.cases.map((testCase) => testCase.model));
    const headDown = rounds.add(report, modelsOf(headPlan), modelsOf(basePlan));
    collect(report, pairs, cases);

    for (const pair of compared) {
      if (pair.sequence!.stopped || !windows.has(pair.head.test)) continue;
      pair.sequence!.observe(evidenceOf(pair.base!.samples), evidenceOf(pair.head.samples));
    }
    stopDiscoveries(sequences, design);
    // Another round would only meet the same refusal: the run reports it and stops.
    if (input.signal?.aborted || headDown) {
      interrupted = true;
      break;
    }
  }
  if (interrupted) sequences.forEach((sequence) => sequence.stopAsInterrupted());
  // Whatever still wanted samples when the rounds ended ran out of budget (or was stopped).
  sequences.forEach((sequence) => sequence.stopForBudget());

  const changes = decide(sequences, design);
  const changeOf = new Map<Pair, ComparisonChange>(compared.map((pair, index) => [pair, changes[index]!]));
  const headResults: TestResult[] = [];
  const baseResults: TestResult[] = [];
  for (const pair of pairs) {
    headResults.push(comparedResult(pair, changeOf.get(pair) ?? 'new'));
    if (pair.base) baseResults.push(isRecorded(pair.base) ? pair.base.recorded : finalResult(pair.base));
  }
  const facts = rounds.facts(started);
  const head = sideReportOf(headResults, facts);
  head.summary.comparison = { ...comparisonSummary(headResults, design, planned, budget), removed: removed.length };
  const base = input.baseline ? { ...input.baseline, results: baseResults } : sideReportOf(baseResults, { ...facts, judgeCalls: undefined, endpointsDown: undefined });
  return baseResults.length > 0 ? { head, base, removed, problems } : { head, removed, problems };
}

function isRecorded(side: Side | RecordedSide): side is RecordedSide {
  return 'recorded' in side;
}

/** Every head test with its base counterpart (same file, or the file it was renamed from, and same name). */
function pairTests(input: SideBySideInput, design: SequentialDesign): { pairs: Pair[]; removed: { file: string; test: string }[] } {
  const baseTests = new Map<string, Side | RecordedSide>();
  if (input.baseline) {
    for (const result of input.baseline.results) baseTests.set(keyOf(result.file, result.test), { recorded: result, samples: result.samples });
  } else {
    for (const suite of input.base) for (const test of suite.tests) baseTests.set(keyOf(suite.file, test.name), { suite, test, samples: [] });
  }
  const paired = new Set<Side | RecordedSide>();
  const pairs: Pair[] = [];
  for (const suite of input.head) {
    const baseFile = input.renamedFrom?.get(suite.file) ?? suite.file;
    for (const test of suite.tests) {
      const base = baseTests.get(keyOf(baseFile, test.name));
      const pair: Pair = { head: { suite, test, samples: [] }, taken: 0 };
      if (base) {
        paired.add(base);
        // Each pair its own copy: a base test's samples belong to the head test they are compared with.
        pair.base = isRecorded(base) ? base : { ...base, samples: [] };
        pair.sequence = new TestSequence(design, input.watch?.(suite.file, test.name) ?? 'worse');
      }
      pairs.push(pair);
    }
  }
  const removed = [...baseTests.values()]
    .filter((base) => !paired.has(base))
    .map((base) => (isRecorded(base) ? { file: base.recorded.file, test: base.recorded.test } : { file: base.suite.file, test: base.test.name }));
  return { pairs, removed };
}

/** Hands each sample of a round's report to the side it belongs to. */
function collect(report: RunReport, pairs: Pair[], cases: Case[]): void {
  const sides = new Map<string, Side>();
  for (const pair of pairs) {
    sides.set(keyOf(pair.head.suite.file, pair.head.test.index), pair.head);
    if (pair.base && !isRecorded(pair.base)) sides.set(keyOf(BASE_MARK + pair.base.suite.file, pair.base.test.index), pair.base);
  }
  for (const testCase of cases) {
    const side = sides.get(keyOf(testCase.suite.file, testCase.test.index));
    if (side && !side.first) side.first = testCase;
  }
  for (const result of report.results) {
    const side = sides.get(keyOf(result.file, result.testIndex));
    if (side) side.samples.push(...result.samples);
  }
}

function finalResult(side: Side): TestResult {
  const samples = [...side.samples].sort((a, b) => a.sample - b.sample);
  // Scored as its own file again: the mark that kept the sides apart in a round is not a path.
  const testCase = { ...side.first!, suite: side.suite, test: side.test };
  return scoreTest(testCase, samples);
}

function comparedResult(pair: Pair, change: ComparisonChange): TestResult {
  const result = finalResult(pair.head);
  const sequence = pair.sequence;
  result.comparison = {
    change,
    ...(pair.base ? { base: sideReport(pair.base.samples) } : {}),
    head: sideReport(pair.head.samples),
    ...(sequence ? { pValue: Math.min(1, pValueOf(change, sequence)), stopped: sequence.stopped! } : {}),
  };
  return result;
}

/** In the direction of the change; for an inconclusive test, the direction it leaned. */
function pValueOf(change: ComparisonChange, sequence: TestSequence): number {
  if (change === 'improvement') return sequence.better;
  if (change === 'inconclusive') return Math.min(sequence.worse, sequence.better);
  return sequence.worse;
}

function comparisonSummary(results: TestResult[], design: SequentialDesign, calls: number, budget: number): ComparisonSummary {
  const summary: ComparisonSummary = {
    regression: 0,
    improvement: 0,
    unchanged: 0,
    inconclusive: 0,
    new: 0,
    falseAlarmRate: design.falseAlarmRate,
    maxSamples: design.looks.at(-1)!,
    calls,
    budget,
  };
  for (const result of results) summary[result.comparison!.change]++;
  return summary;
}

/** What the rounds' own reports say of the run as a whole. */
class RoundFacts {
  private version = '';
  private startedAt: string | undefined;
  private readonly unpriced = new Set<string>();
  private judgeRequests = 0;
  private judgeCacheHits = 0;
  private readonly down = new Map<string, EndpointDown>();
  private endpoints: RunEndpoints | undefined;

  /**
   * True when the round stopped calling an endpoint that the head needs: its model, or the judge. A
   * model only the base uses may be gone (the edit under review may be replacing it): the base's
   * tests error, and the head goes on.
   */
  add(report: RunReport, headModels: ReadonlySet<string>, baseModels: ReadonlySet<string>): boolean {
    this.version = report.tool.version;
    this.startedAt ??= report.startedAt;
    // A later round may be the first to need the judge: what any round called, both sides together.
    if (report.endpoints) this.endpoints = { ...this.endpoints, ...report.endpoints };
    report.summary.unpricedModels?.forEach((model) => this.unpriced.add(model));
    this.judgeRequests += report.summary.judge?.requests ?? 0;
    this.judgeCacheHits += report.summary.judge?.cacheHits ?? 0;
    let headDown = false;
    for (const down of report.summary.endpointsDown ?? []) {
      if (baseModels.has(down.model) && !headModels.has(down.model)) continue;
      headDown = true;
      const key = `${down.endpoint}\n${down.model}`;
      const seen = this.down.get(key);
      if (seen) this.down.set(key, { ...seen, failedAttempts: seen.failedAttempts + down.failedAttempts, notSent: seen.notSent + down.notSent });
      else this.down.set(key, { ...down });
    }
    return headDown;
  }

  facts(started: number): SideFacts {
    const facts: SideFacts = {
      startedAt: this.startedAt ?? new Date(started).toISOString(),
      durationMs: Date.now() - started,
      version: this.version,
      unpricedModels: [...this.unpriced].sort(),
    };
    if (this.judgeRequests + this.judgeCacheHits > 0) facts.judgeCalls = { requests: this.judgeRequests, cacheHits: this.judgeCacheHits };
    if (this.down.size > 0) facts.endpointsDown = [...this.down.values()];
    if (this.endpoints) facts.endpoints = this.endpoints;
    return facts;
  }
}

function keyOf(file: string, test: string | number): string {
  return `${file}\u0000${test}`;
}
