// Turns model answers into results: sample → test → report.
//
// Scoring rules:
// - A sample is `errored` when its call failed (a provider error after retries): its `error` is the
//   failure message, no assertions are evaluated, and it never counts as passed or failed.
//   Otherwise it is `passed` when every assertion that was not skipped passes (a test without
//   assertions passes when the call succeeds), else `failed`.
// - A test (all samples of one test in one file) is `errored` if any sample errored; its result
//   carries the first errored sample's error (by sample number), `pass` and `flaky` are false.
//   Otherwise passRate = passed samples ÷ samples, the test passes when passRate ≥ minPassRate, and it
//   is `flaky` when some samples passed and some failed (a test can be passed and flaky at once).
// - The representative `output` and `assertions` of a test come from the first failing sample when
//   the test failed, the first errored sample when it errored, else the first sample.
// - A test's `latencyMs` is the mean over samples that got an answer, rounded to whole ms (an errored
//   call has no latency); `tokens` is the sum over samples. `line` is the test's first line, or 1 when
//   the test has no lines of its own (e.g. the implicit test of a file without tests).
// - Results are ordered by file path (as given, compared as plain strings), then test index, then
//   sample number, whatever order the calls finished in. A run with several models has one result
//   per test and model, the models in the order the cases were planned.
// - A result records the model it ran with and the messages as sent (shared with its cases).
// - A stop: when asked to (`leaveOutCut`), a test with a sample that errored once the run's signal
//   had aborted was cut short by the stop, not judged: it is left out of the results and the
//   totals, and `summary.interrupted` counts it.
// - Summary: tests counted as total/passed/failed/errored/flaky; passRate = passed ÷ (passed + failed),
//   errored tests being neither, and 1 when nothing was evaluated; tokens summed over tests;
//   requests, cache hits and duration come from the runner.
// - Graded assertions (llm-rubric, similar, GitHub evaluators) come from the grader; one that got no
//   usable verdict is `errored`, which makes its sample errored with that reason, unless another
//   assertion definitely failed: then the sample failed, whatever the missing verdict would have been.
// - Cost: a sample's tokens at its model's price (cached answers included: the cost is what the
//   case costs, so a `cost` assertion judges the same way on a re-run). Judge and embedding usage
//   is kept apart in `judge` and summed the same way.
import { evaluateAssertion } from '../assert/index.js';
import { priceUsage, type Price } from '../cost/prices.js';
import type { AssertionResult, CallOutcome, Case, EndpointDown, JudgeUsage, ReportHead, RunEndpoints, RunReport, SampleResult, TestResult } from '../types.js';
import { addCost, addJudgeUsage, addTokens, noTokens, SummaryTally } from './summary-tally.js';

/**
 * Tolerance for `passRate ≥ minPassRate`: a threshold computed upstream (e.g. 1 - 0.1) may land a
 * hair above the fraction the user meant, which would fail a test that meets it.
 */
const PASS_RATE_EPSILON = 1e-9;

/** What the grader found for one case: the scorer takes these results for the graded assertions. */
export interface GradedCase {
  /** By index in the case's `assert`; undefined where the scorer evaluates the assertion itself. */
  results: (AssertionResult | undefined)[];
  usage: JudgeUsage;
  /** Grading models that used tokens but have no price. */
  unpriced: string[];
}

export interface ReportMeta {
  startedAt: string;
  durationMs: number;
  /** Model calls actually sent (cache hits excluded). */
  requests: number;
  cacheHits: number;
  /** promptgate's own version. */
  version: string;
  /** Endpoints and models the runner stopped calling. */
  endpointsDown?: EndpointDown[];
  /** Where the run's calls went. */
  endpoints?: RunEndpoints;
}

/** What scoring needs besides the answers: the grader's verdicts and the prices. */
export interface ScoringInputs {
  /** `graded[i]` belongs to `cases[i]`. */
  graded?: (GradedCase | undefined)[];
  /** The grader's own call counts, reported apart from the model under test's. */
  judgeCalls?: { requests: number; cacheHits: number };
  prices?: Readonly<Record<string, Price>>;
}

export function scoreSample(
  testCase: Case,
  outcome: CallOutcome,
  graded?: GradedCase,
  prices: Readonly<Record<string, Price>> = {},
): SampleResult {
  if (!outcome.ok) {
    return {
      sample: testCase.sample,
      status: 'errored',
      output: '',
      error: outcome.failure.message,
      assertions: [],
      latencyMs: 0,
      tokens: noTokens(),
      cached: false,
    };
  }
  const { completion } = outcome;
  const cost = completion.usage ? priceUsage(testCase.model, completion.usage, prices) : undefined;
  const ctx = {
    latencyMs: completion.latencyMs,
    model: testCase.model,
    ...(completion.usage ? { usage: completion.usage } : {}),
    ...(cost === undefined ? {} : { costUsd: cost }),
  };
  const assertions = testCase.assert.map((assertion, index) => graded?.results[index] ?? evaluateAssertion(assertion, completion.output, ctx));
  const unjudged = assertions.find((result) => result.errored === true);
  // A definite failure outranks a missing verdict: the sample failed whatever the judge would have said.
  const failed = assertions.some((result) => result.errored !== true && result.skipped !== true && !result.pass);
  const sample: SampleResult = {
    sample: testCase.sample,
    status: failed ? 'failed' : unjudged ? 'errored' : 'passed',
    output: completion.output,
    assertions,
    latencyMs: completion.latencyMs,
    tokens: completion.usage ? { ...completion.usage } : noTokens(),
    cached: completion.cached,
  };
  if (unjudged && !failed) sample.error = `${unjudged.name ?? unjudged.type}: ${unjudged.reason}`;
  if (cost !== undefined) sample.cost = cost;
  if (graded) sample.judge = graded.usage;
  return sample;
}

export function buildReport(cases: Case[], outcomes: CallOutcome[], meta: ReportMeta, inputs: ScoringInputs = {}): RunReport {
  const results: TestResult[] = [];
  const assembler = new ResultAssembler(cases, inputs.prices, (result) => results.push(result));
  cases.forEach((_, i) => {
    // A missing outcome is a runner bug; reporting it as an errored sample keeps the report whole.
    const outcome: CallOutcome = outcomes[i] ?? { ok: false, failure: { message: 'no answer was recorded for this call', attempts: 0 } };
    assembler.add(i, outcome, inputs.graded?.[i]);
  });
  return { ...assembler.head(meta, inputs.judgeCalls), results };
}

/**
 * Scores each case as its answer comes and hands out test results in report order (file path as
 * given, compared as plain strings, then test index) as soon as a test's samples are all in and
 * every test before it is out. Nothing of a test is kept once it is handed out, except its share
 * of the totals; the caller decides whether to keep the results (the Action) or to write them
 * away (the CLI's report files).
 */
export class ResultAssembler {
  /** Tests in report order, each until it is handed out. */
  private readonly tests: ({ first: Case; samples: SampleResult[]; missing: number; cut: boolean } | undefined)[] = [];
  /** `testOf[i]`: the position in `tests` of `cases[i]`'s test. */
  private readonly testOf: Uint32Array;
  private next = 0;
  private readonly tally = new SummaryTally();
  private readonly unpriced = new Set<string>();
  private notFinished = 0;

  /**
   * `leaveOutCut`: the run's stop signal, when tests the stop cuts short are to be left out (a
   * run's report) rather than errored (a comparison's round, whose caller counts on every test).
   */
  constructor(
    private readonly cases: readonly Case[],
    private readonly prices: Readonly<Record<string, Price>> | undefined,
    private readonly emit: (result: TestResult) => void,
    private readonly leaveOutCut?: AbortSignal,
  ) {
    const positions = new Map<string, number>();
    const firsts: Case[] = [];
    const counts: number[] = [];
    const found = new Uint32Array(cases.length);
    cases.forEach((testCase, i) => {
      const key = `${testCase.suite.file}\u0000${testCase.test.index}\u0000${testCase.model}`;
      let position = positions.get(key);
      if (position === undefined) {
        position = firsts.length;
        positions.set(key, position);
        firsts.push(testCase);
        counts.push(0);
      }
      counts[position]!++;
      found[i] = position;
    });
    // Stable: tests that compare equal keep the order their first cases came in.
    const order = firsts.map((_, position) => position).sort((a, b) => compareCases(firsts[a]!, firsts[b]!));
    const rank = new Uint32Array(order.length);
    order.forEach((position, index) => {
      rank[position] = index;
      this.tests.push({ first: firsts[position]!, samples: [], missing: counts[position]!, cut: false });
    });
    this.testOf = found.map((position) => rank[position]!);
  }

  add(index: number, outcome: CallOutcome, graded?: GradedCase): void {
    const testCase = this.cases[index]!;
    const test = this.tests[this.testOf[index]!];
    if (!test) return;
    const sample = scoreSample(testCase, outcome, graded, this.prices);
    if (sample.cost === undefined && sample.tokens.total > 0) this.unpriced.add(testCase.model);
    graded?.unpriced.forEach((model) => this.unpriced.add(model));
    test.samples.push(sample);
    test.missing--;
    // Errored after the stop: its call (or its judge's) was abandoned, so it says nothing of the prompt.
    if (sample.status === 'errored' && this.leaveOutCut?.aborted) test.cut = true;
    this.flush();
  }

  /** The summary and the rest; call once every case was added. */
  head(meta: ReportMeta, judgeCalls?: ScoringInputs['judgeCalls']): ReportHead {
    const facts = {
      durationMs: meta.durationMs,
      requests: meta.requests,
      cacheHits: meta.cacheHits,
      unpricedModels: [...this.unpriced].sort(),
      ...(meta.endpointsDown?.length ? { endpointsDown: meta.endpointsDown } : {}),
    };
    const summary = this.tally.summary(judgeCalls ? { ...facts, judgeCalls } : facts);
    if (this.leaveOutCut?.aborted) summary.interrupted = { planned: this.tests.length, notFinished: this.notFinished };
    return {
      schemaVersion: 1,
      tool: { name: 'promptgate', version: meta.version },
      startedAt: meta.startedAt,
      ...(meta.endpoints ? { endpoints: meta.endpoints } : {}),
      summary,
    };
  }

  private flush(): void {
    for (let test = this.tests[this.next]; test && test.missing === 0; test = this.tests[this.next]) {
      this.tests[this.next++] = undefined;
      if (test.cut) {
        this.notFinished++;
        continue;
      }
      const result = scoreTest(test.first, test.samples.sort((a, b) => a.sample - b.sample));
      this.tally.add(result);
      this.emit(result);
    }
  }
}

function compareCases(a: Case, b: Case): number {
  // Plain code-unit comparison: localeCompare would order differently on different machines.
  if (a.suite.file !== b.suite.file) return a.suite.file < b.suite.file ? -1 : 1;
  return a.test.index - b.test.index;
}

/** `samples` sorted by sample number, all of one test. */
export function scoreTest(testCase: Case, samples: SampleResult[]): TestResult {
  const { suite, test } = testCase;
  const passedCount = samples.filter((s) => s.status === 'passed').length;
  const failedCount = samples.filter((s) => s.status === 'failed').length;
  const firstErrored = samples.find((s) => s.status === 'errored');
  // Over evaluated samples, as the summary's rate is over evaluated tests: a call that failed says
  // nothing about the prompt. 1 when nothing was evaluated (nothing failed), 0 for no samples at all.
  const evaluated = passedCount + failedCount;
  const passRate = samples.length === 0 ? 0 : evaluated === 0 ? 1 : passedCount / evaluated;

  let status: TestResult['status'];
  let representative: SampleResult | undefined;
  if (firstErrored) {
    status = 'errored';
    representative = firstErrored;
  } else if (passRate + PASS_RATE_EPSILON >= test.minPassRate && samples.length > 0) {
    status = 'passed';
    representative = samples[0];
  } else {
    status = 'failed';
    representative = samples.find((s) => s.status === 'failed') ?? samples[0];
  }

  const answered = samples.filter((s) => s.status !== 'errored');
  const latencyMs = answered.length === 0 ? 0 : Math.round(answered.reduce((sum, s) => sum + s.latencyMs, 0) / answered.length);

  const result: TestResult = {
    file: suite.file,
    suite: suite.name,
    test: test.name,
    testIndex: test.index,
    line: test.span?.start.line ?? 1,
    model: testCase.model,
    vars: test.vars,
    messages: testCase.messages,
    status,
    pass: status === 'passed',
    flaky: !firstErrored && passedCount > 0 && failedCount > 0,
    passRate,
    minPassRate: test.minPassRate,
    output: representative?.output ?? '',
    assertions: representative?.assertions ?? [],
    samples,
    latencyMs,
    tokens: noTokens(),
  };
  if (firstErrored?.error !== undefined) result.error = firstErrored.error;
  if (test.tags) result.tags = test.tags;
  if (samples.length > 1) result.passAll = passedCount === samples.length;
  let cost: number | undefined;
  let judge: JudgeUsage | undefined;
  for (const sample of samples) {
    addTokens(result.tokens, sample.tokens);
    cost = addCost(cost, sample.cost);
    judge = addJudgeUsage(judge, sample.judge);
  }
  if (cost !== undefined) result.cost = cost;
  if (judge) result.judge = judge;
  return result;
}
