// `promptgate merge`: shard results joined into the results one unsharded run gives. The tests are
// put back in report order (file path as plain strings, then test index, as ResultAssembler orders
// them; a test's models stay as its shard wrote them, in the order given) and the summary is counted
// again over them with the run's own tally, so every sum is the same float. What only the shards
// know is combined: requests and cache hits are summed, the duration is the longest shard's (the
// shards run side by side: the matrix took as long as its slowest job), the start is the earliest.
import type { EndpointDown, RunReport, TestResult } from '../types.js';
import { SummaryTally } from '../run/summary-tally.js';

export interface ShardResults {
  /** How the messages name it: the path as given. */
  name: string;
  report: RunReport;
}

export type MergeOutcome = { ok: true; report: RunReport } | { ok: false; problem: string };

export function mergeShards(files: readonly ShardResults[]): MergeOutcome {
  const checked = checkShards(files);
  if (!checked.ok) return checked;
  const shards = checked.shards;
  const results: TestResult[] = shards.flatMap((shard) => shard.report.results);
  // Stable: a test's results (one per model) come from one shard, already in their order.
  results.sort((a, b) => (a.file !== b.file ? (a.file < b.file ? -1 : 1) : a.testIndex - b.testIndex));

  const tally = new SummaryTally();
  for (const result of results) tally.add(result);
  const summaries = shards.map((shard) => shard.report.summary);
  const judges = summaries.flatMap((summary) => (summary.judge ? [summary.judge] : []));
  const down = endpointsDown(summaries.flatMap((summary) => summary.endpointsDown ?? []));
  const summary = tally.summary({
    durationMs: Math.max(...summaries.map((summary) => summary.durationMs)),
    requests: sum(summaries.map((summary) => summary.requests)),
    cacheHits: sum(summaries.map((summary) => summary.cacheHits)),
    unpricedModels: [...new Set(summaries.flatMap((summary) => summary.unpricedModels ?? []))].sort(),
    ...(down.length > 0 ? { endpointsDown: down } : {}),
    ...(judges.length > 0 ? { judgeCalls: { requests: sum(judges.map((judge) => judge.requests)), cacheHits: sum(judges.map((judge) => judge.cacheHits)) } } : {}),
  });
  const interrupted = summaries.flatMap((summary) => (summary.interrupted ? [summary.interrupted] : []));
  if (interrupted.length > 0) {
    // A stopped shard left its unfinished tests out; the others planned and finished all of theirs.
    summary.interrupted = { planned: summary.total + sum(interrupted.map((cut) => cut.notFinished)), notFinished: sum(interrupted.map((cut) => cut.notFinished)) };
  }
  const first = shards[0]!.report;
  const startedAt = shards.map((shard) => shard.report.startedAt).sort()[0]!;
  return {
    ok: true,
    report: {
      schemaVersion: 1,
      tool: first.tool,
      startedAt,
      ...(first.endpoints ? { endpoints: first.endpoints } : {}),
      summary,
      results,
    },
  };
}

type Checked = { ok: true; shards: ShardResults[] } | { ok: false; problem: string };

/** Every shard of one run, each once; in shard order. */
function checkShards(files: readonly ShardResults[]): Checked {
  if (files.length === 0) return { ok: false, problem: 'name the results files of the shards to merge (written by `promptgate run --shard i/N -o FILE.json`)' };
  const notShards = files.filter((file) => file.report.shard === undefined);
  if (notShards.length > 0) {
    return { ok: false, problem: `not a shard's results (no "shard": run with --shard i/N): ${notShards.map((file) => file.name).join(', ')}` };
  }
  const compared = files.filter((file) => file.report.summary.comparison !== undefined);
  if (compared.length > 0) return { ok: false, problem: `merging compared runs is not supported yet: ${compared.map((file) => file.name).join(', ')}` };
  const runs = new Map<string, ShardResults[]>();
  for (const file of files) {
    const { run, count } = file.report.shard!;
    const key = `${run} of ${count}`;
    runs.set(key, [...(runs.get(key) ?? []), file]);
  }
  if (runs.size > 1) {
    const groups = [...runs.entries()].map(([key, group]) => `run ${key} shards: ${group.map((file) => file.name).join(', ')}`);
    return { ok: false, problem: `these are shards of different runs (other files, tests, models or --repeat, or another N):\n  ${groups.join('\n  ')}` };
  }
  const count = files[0]!.report.shard!.count;
  const byIndex = new Map<number, ShardResults[]>();
  for (const file of files) byIndex.set(file.report.shard!.index, [...(byIndex.get(file.report.shard!.index) ?? []), file]);
  const twice = [...byIndex.entries()].filter(([, group]) => group.length > 1).sort(([a], [b]) => a - b);
  if (twice.length > 0) {
    return { ok: false, problem: twice.map(([index, group]) => `shard ${index}/${count} is given twice: ${group.map((file) => file.name).join(' and ')}`).join('; ') };
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) {
    const which = missing.map((index) => `${index}/${count}`).join(', ');
    return { ok: false, problem: `missing ${missing.length === 1 ? 'shard' : 'shards'} ${which}: merge needs the results of all ${count} shards` };
  }
  return { ok: true, shards: [...files].sort((a, b) => a.report.shard!.index - b.report.shard!.index) };
}

/** Each endpoint and model once, with the attempts every shard saw fail. */
function endpointsDown(all: EndpointDown[]): EndpointDown[] {
  const byKey = new Map<string, EndpointDown>();
  for (const down of all) {
    const key = `${down.endpoint}\u0000${down.model}`;
    const seen = byKey.get(key);
    if (seen) byKey.set(key, { ...seen, failedAttempts: seen.failedAttempts + down.failedAttempts, notSent: seen.notSent + down.notSent });
    else byKey.set(key, { ...down });
  }
  return [...byKey.values()];
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
