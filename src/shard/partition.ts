// `--shard i/N`: which tests one of N jobs runs. Every job plans the whole selection and keeps its
// part, so the parts agree on any machine without talking to each other: the assignment depends
// only on what each test is (its file path, its position in the file, its cases), never on the order
// files were found, the clock or the machine.
//
// A test goes whole to one shard, all its samples and models together: its verdict (pass rate,
// flaky) is over all its samples, and the results keep a test's models next to each other in the
// order given, which a merge could not restore if they were split.
//
// Balance: a test costs its number of calls (samples × models). The tests, most costly first (ties
// by file, then position), go one by one to the shard with the least cost so far (ties to the lower
// index): a greedy that keeps the slowest part within one test of the mean. The cache's recorded
// latencies are not used yet: a test's calls stand in for its time.
import { createHash } from 'node:crypto';
import type { Case } from '../types.js';

/** One part of N, 1-based as the user writes it. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** What a shard's results record of it: which part, and of which run. */
export interface ShardRecord extends ShardSpec {
  /** A fingerprint of what the whole run selected (see runFingerprint): shards of one run share it. */
  run: string;
}

/** The largest N: a matrix of GitHub Actions has at most 256 jobs. */
export const MAX_SHARDS = 256;

export const SHARD_EXPECTED = `i/N, the part to run of N (e.g. 1/4), with 1 ≤ i ≤ N ≤ ${MAX_SHARDS}`;

/** `3/4` → { index: 3, count: 4 }; a problem for anything else. */
export function parseShard(raw: string): ShardSpec | { problem: string } {
  const match = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(raw);
  if (!match) return { problem: `--shard takes ${SHARD_EXPECTED}; got "${raw}"` };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) return { problem: `--shard ${raw}: N is the number of parts, from 1 to ${MAX_SHARDS}` };
  if (index < 1 || index > count) return { problem: `--shard ${raw}: the part is numbered from 1 to ${count}` };
  return { index, count };
}

/** The cases of one test across its samples and models. */
function unitKey(testCase: Case): string {
  return `${testCase.suite.file}\u0000${testCase.test.index}`;
}

interface Unit {
  file: string;
  index: number;
  cost: number;
}

/**
 * The shard (0-based) each test goes to, by unitKey. Every shard computes the same table from the
 * same cases, whatever order they come in.
 */
export function assignShards(cases: readonly Case[], count: number): Map<string, number> {
  const units = new Map<string, Unit>();
  for (const testCase of cases) {
    const key = unitKey(testCase);
    const unit = units.get(key);
    if (unit) unit.cost++;
    else units.set(key, { file: testCase.suite.file, index: testCase.test.index, cost: 1 });
  }
  const keys = [...units.keys()].sort((a, b) => {
    const x = units.get(a)!;
    const y = units.get(b)!;
    if (x.cost !== y.cost) return y.cost - x.cost;
    if (x.file !== y.file) return x.file < y.file ? -1 : 1;
    return x.index - y.index;
  });
  const loads = new Array<number>(count).fill(0);
  const assigned = new Map<string, number>();
  for (const key of keys) {
    let lightest = 0;
    for (let shard = 1; shard < count; shard++) if (loads[shard]! < loads[lightest]!) lightest = shard;
    loads[lightest]! += units.get(key)!.cost;
    assigned.set(key, lightest);
  }
  return assigned;
}

/** The cases of shard `spec` (in the order given), and the record its results carry. */
export function shardCases(cases: readonly Case[], spec: ShardSpec): { cases: Case[]; record: ShardRecord } {
  const assigned = assignShards(cases, spec.count);
  const mine = cases.filter((testCase) => assigned.get(unitKey(testCase)) === spec.index - 1);
  return { cases: mine, record: { ...spec, run: runFingerprint(cases) } };
}

/**
 * What the whole run selected, as a hash: every case's file, test, model, sample, and what it sends
 * and asserts. A shard of a run with another file content, --test, --model or --repeat has another
 * fingerprint, so a merge refuses to join it with the others. Sorted, so discovery order is no part of it.
 */
export function runFingerprint(cases: readonly Case[]): string {
  const lines = cases.map((testCase) =>
    JSON.stringify([testCase.suite.file, testCase.test.index, testCase.test.name, testCase.model, testCase.sample, testCase.messages, testCase.parameters, testCase.assert], bigintSafe),
  );
  lines.sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex').slice(0, 16);
}

// A YAML integer too large for a number arrives as a BigInt, which JSON.stringify refuses.
function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
