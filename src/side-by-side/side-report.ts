// One side's report, made from its tests' final results after the rounds: the summary counted
// again over them, calls and cache hits read from the samples themselves, since a round runs both
// sides together and its own counts mix them.
import { SummaryTally } from '../run/summary-tally.js';
import type { EndpointDown, RunEndpoints, RunReport, TestResult } from '../types.js';

export interface SideFacts {
  startedAt: string;
  durationMs: number;
  version: string;
  unpricedModels: string[];
  /** The grader's calls over the whole comparison: grading is not split by side. */
  judgeCalls?: { requests: number; cacheHits: number };
  /** Endpoints and models the rounds stopped calling. */
  endpointsDown?: EndpointDown[] | undefined;
  /** Where the rounds' calls went. */
  endpoints?: RunEndpoints | undefined;
}

export function sideReportOf(results: TestResult[], facts: SideFacts): RunReport {
  const tally = new SummaryTally();
  let requests = 0;
  let cacheHits = 0;
  for (const result of results) {
    tally.add(result);
    for (const sample of result.samples) {
      if (sample.cached) cacheHits++;
      else requests++;
    }
  }
  return {
    schemaVersion: 1,
    tool: { name: 'promptgate', version: facts.version },
    startedAt: facts.startedAt,
    ...(facts.endpoints ? { endpoints: facts.endpoints } : {}),
    summary: tally.summary({
      durationMs: facts.durationMs,
      requests,
      cacheHits,
      unpricedModels: facts.unpricedModels,
      ...(facts.judgeCalls ? { judgeCalls: facts.judgeCalls } : {}),
      ...(facts.endpointsDown ? { endpointsDown: facts.endpointsDown } : {}),
    }),
    results,
  };
}
