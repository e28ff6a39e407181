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
//   sample number, whatever order the calls finished in.
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
import type { GradedCase } from '../grade/grader.js';
import type { CallOutcome, Case, JudgeUsage, RunReport, SampleResult, Summary, TestResult, TokenUsage } from '../types.js';

/**
 * Tolerance for `passRate ≥ minPassRate`: a threshold computed upstream (e.g. 1 - 0.1) may land a
 * hair above the fraction the user meant, which would fail a test that meets it.
 */
const PASS_RATE_EPSILON = 1e-9;

const NO_TOKENS: TokenUsage = { prompt: 0, completion: 0, total: 0 };

export interface ReportMeta {
  startedAt: string;
  durationMs: number;
  /** Model calls actually sent (cache hits excluded). */
  requests: number;
  cacheHits: number;
  /** promptgate's own version. */
  version: string;
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
      tokens: { ...NO_TOKENS },
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
    tokens: completion.usage ? { ...completion.usage } : { ...NO_TOKENS },
    cached: completion.cached,
  };
  if (unjudged && !failed) sample.error = `${unjudged.name ?? unjudged.type}: ${unjudged.reason}`;
  if (cost !== undefined) sample.cost = cost;
  if (graded) sample.judge = graded.usage;
  return sample;
}

export function buildReport(cases: Case[], outcomes: CallOutcome[], meta: ReportMeta, inputs: ScoringInputs = {}): RunReport {
  const groups = new Map<string, { first: Case; samples: SampleResult[] }>();
  const unpriced = new Set<string>();
  cases.forEach((testCase, i) => {
    // A missing outcome is a runner bug; reporting it as an errored sample keeps the report whole.
    const outcome: CallOutcome = outcomes[i] ?? { ok: false, failure: { message: 'no answer was recorded for this call', attempts: 0 } };
    const key = `${testCase.suite.file}\u0000${testCase.test.index}`;
    let group = groups.get(key);
    if (!group) {
      group = { first: testCase, samples: [] };
      groups.set(key, group);
    }
    const graded = inputs.graded?.[i];
    const sample = scoreSample(testCase, outcome, graded, inputs.prices);
    if (sample.cost === undefined && sample.tokens.total > 0) unpriced.add(testCase.model);
    graded?.unpriced.forEach((model) => unpriced.add(model));
    group.samples.push(sample);
  });

  const results = [...groups.values()]
    .map(({ first, samples }) => scoreTest(first, samples.sort((a, b) => a.sample - b.sample)))
    .sort(compareResults);

  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: meta.version },
    startedAt: meta.startedAt,
    summary: summarize(results, meta, inputs.judgeCalls, [...unpriced].sort()),
    results,
  };
}

function compareResults(a: TestResult, b: TestResult): number {
  // Plain code-unit comparison: localeCompare would order differently on different machines.
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.testIndex - b.testIndex;
}

/** `samples` sorted by sample number, all of one test. */
function scoreTest(testCase: Case, samples: SampleResult[]): TestResult {
  const { suite, test } = testCase;
  const passedCount = samples.filter((s) => s.status === 'passed').length;
  const failedCount = samples.filter((s) => s.status === 'failed').length;
  const firstErrored = samples.find((s) => s.status === 'errored');
  const passRate = samples.length === 0 ? 0 : passedCount / samples.length;

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
    vars: test.vars,
    status,
    pass: status === 'passed',
    flaky: !firstErrored && passedCount > 0 && failedCount > 0,
    passRate,
    minPassRate: test.minPassRate,
    output: representative?.output ?? '',
    assertions: representative?.assertions ?? [],
    samples,
    latencyMs,
    tokens: sumTokens(samples.map((s) => s.tokens)),
  };
  if (firstErrored?.error !== undefined) result.error = firstErrored.error;
  const cost = sumCosts(samples.map((s) => s.cost));
  if (cost !== undefined) result.cost = cost;
  const judge = sumJudgeUsage(samples.map((s) => s.judge));
  if (judge) result.judge = judge;
  return result;
}

function summarize(
  results: TestResult[],
  meta: ReportMeta,
  judgeCalls: ScoringInputs['judgeCalls'],
  unpricedModels: string[],
): Summary {
  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length;
  const summary: Summary = {
    total: results.length,
    passed,
    failed,
    errored: results.filter((r) => r.status === 'errored').length,
    flaky: results.filter((r) => r.flaky).length,
    passRate: passed + failed === 0 ? 1 : passed / (passed + failed),
    tokens: sumTokens(results.map((r) => r.tokens)),
    requests: meta.requests,
    cacheHits: meta.cacheHits,
    durationMs: meta.durationMs,
  };
  const cost = sumCosts(results.map((r) => r.cost));
  if (cost !== undefined) summary.cost = cost;
  if (unpricedModels.length > 0) summary.unpricedModels = unpricedModels;
  const judge = sumJudgeUsage(results.map((r) => r.judge));
  if (judge || (judgeCalls && judgeCalls.requests + judgeCalls.cacheHits > 0)) {
    summary.judge = { ...(judge ?? { calls: 0, tokens: { ...NO_TOKENS } }), requests: judgeCalls?.requests ?? 0, cacheHits: judgeCalls?.cacheHits ?? 0 };
  }
  return summary;
}

/** Undefined when nothing was priced, so "no price" never reads as "free". */
function sumCosts(costs: (number | undefined)[]): number | undefined {
  const priced = costs.filter((cost): cost is number => cost !== undefined);
  return priced.length === 0 ? undefined : priced.reduce((sum, cost) => sum + cost, 0);
}

function sumJudgeUsage(usages: (JudgeUsage | undefined)[]): JudgeUsage | undefined {
  const present = usages.filter((usage): usage is JudgeUsage => usage !== undefined);
  if (present.length === 0) return undefined;
  const total: JudgeUsage = { calls: present.reduce((sum, usage) => sum + usage.calls, 0), tokens: sumTokens(present.map((usage) => usage.tokens)) };
  const cost = sumCosts(present.map((usage) => usage.cost));
  if (cost !== undefined) total.cost = cost;
  return total;
}

function sumTokens(usages: TokenUsage[]): TokenUsage {
  return usages.reduce(
    (sum, usage) => ({
      prompt: sum.prompt + usage.prompt,
      completion: sum.completion + usage.completion,
      total: sum.total + usage.total,
    }),
    { ...NO_TOKENS },
  );
}
