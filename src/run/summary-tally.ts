// The run's totals, added up one test result at a time, so a run that streams its results to disk
// never needs them all in memory to count them. Sums are taken in report order, exactly as a sum
// over the whole list would be: the same floats, whichever way the report was built.
import type { EndpointDown, JudgeUsage, Summary, TestResult, TokenUsage } from '../types.js';

export interface RunFacts {
  durationMs: number;
  /** Model calls actually sent (cache hits excluded). */
  requests: number;
  cacheHits: number;
  /** The grader's own call counts, reported apart from the model under test's. */
  judgeCalls?: { requests: number; cacheHits: number };
  /** Models that had answers but no price, sorted. */
  unpricedModels: string[];
  /** Endpoints and models the runner stopped calling; left out of the summary when none. */
  endpointsDown?: EndpointDown[];
}

export class SummaryTally {
  private total = 0;
  private passed = 0;
  private failed = 0;
  private errored = 0;
  private flaky = 0;
  private readonly tokens: TokenUsage = noTokens();
  private cost: number | undefined;
  private judge: JudgeUsage | undefined;

  add(result: TestResult): void {
    this.total++;
    if (result.status === 'passed') this.passed++;
    else if (result.status === 'failed') this.failed++;
    else this.errored++;
    if (result.flaky) this.flaky++;
    addTokens(this.tokens, result.tokens);
    this.cost = addCost(this.cost, result.cost);
    this.judge = addJudgeUsage(this.judge, result.judge);
  }

  summary(facts: RunFacts): Summary {
    const { passed, failed } = this;
    const summary: Summary = {
      total: this.total,
      passed,
      failed,
      errored: this.errored,
      flaky: this.flaky,
      passRate: passed + failed === 0 ? 1 : passed / (passed + failed),
      tokens: { ...this.tokens },
      requests: facts.requests,
      cacheHits: facts.cacheHits,
      durationMs: facts.durationMs,
    };
    if (this.cost !== undefined) summary.cost = this.cost;
    if (facts.unpricedModels.length > 0) summary.unpricedModels = facts.unpricedModels;
    if (facts.endpointsDown?.length) summary.endpointsDown = facts.endpointsDown.map((down) => ({ ...down }));
    const { judgeCalls } = facts;
    if (this.judge || (judgeCalls && judgeCalls.requests + judgeCalls.cacheHits > 0)) {
      summary.judge = { ...(this.judge ?? { calls: 0, tokens: noTokens() }), requests: judgeCalls?.requests ?? 0, cacheHits: judgeCalls?.cacheHits ?? 0 };
    }
    return summary;
  }
}

export function noTokens(): TokenUsage {
  return { prompt: 0, completion: 0, total: 0 };
}

export function addTokens(into: TokenUsage, more: TokenUsage): void {
  into.prompt += more.prompt;
  into.completion += more.completion;
  into.total += more.total;
}

/** Undefined while nothing was priced, so "no price" never reads as "free". */
export function addCost(sum: number | undefined, cost: number | undefined): number | undefined {
  return cost === undefined ? sum : (sum ?? 0) + cost;
}

export function addJudgeUsage(sum: JudgeUsage | undefined, more: JudgeUsage | undefined): JudgeUsage | undefined {
  if (!more) return sum;
  const next: JudgeUsage = { calls: (sum?.calls ?? 0) + more.calls, tokens: sum ? { ...sum.tokens } : noTokens() };
  addTokens(next.tokens, more.tokens);
  const cost = addCost(sum?.cost, more.cost);
  if (cost !== undefined) next.cost = cost;
  return next;
}
