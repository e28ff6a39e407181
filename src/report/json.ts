// The machine-readable report. Key order follows the declarations in src/types.ts whatever order
// the objects were built in, so two runs diff cleanly. Fields added later that are not listed here
// still appear, after the known ones. Described by schema/results.schema.json.
import type { AssertionResult, ReportHead, RunEndpoints, RunReport, SampleResult, Summary, TestResult, TokenUsage } from '../types.js';

type KeyOrder<T> = readonly (keyof T)[];

const TOKEN_KEYS: KeyOrder<TokenUsage> = ['prompt', 'completion', 'total'];
const SUMMARY_KEYS: KeyOrder<Summary> = [
  'total', 'passed', 'failed', 'errored', 'flaky', 'passRate', 'tokens', 'cost', 'unpricedModels', 'requests', 'cacheHits', 'judge',
  'durationMs',
];
const ASSERTION_KEYS: KeyOrder<AssertionResult> = ['type', 'name', 'pass', 'score', 'reason', 'skipped', 'errored', 'line'];
const SAMPLE_KEYS: KeyOrder<SampleResult> = [
  'sample', 'status', 'output', 'error', 'assertions', 'latencyMs', 'tokens', 'cost', 'judge', 'cached',
];
const RESULT_KEYS: KeyOrder<TestResult> = [
  'file', 'suite', 'test', 'testIndex', 'line', 'model', 'vars', 'messages', 'status', 'pass', 'flaky', 'passRate', 'minPassRate',
  'output', 'error', 'assertions', 'samples', 'latencyMs', 'tokens', 'cost', 'judge',
];
const HEAD_KEYS: KeyOrder<ReportHead> = ['schemaVersion', 'tool', 'startedAt', 'endpoints', 'shard', 'summary', 'problems'];
const ENDPOINT_KEYS: KeyOrder<RunEndpoints> = ['model', 'judge', 'embeddings'];

export function toJson(report: RunReport): string {
  const count = report.results.length;
  return jsonHead(report) + jsonResultsOpen(count) + report.results.map(jsonResultEntry).join(',\n') + jsonResultsClose(count);
}

/**
 * The document in parts, for a writer that sends each result to disk as it comes: jsonHead,
 * jsonResultsOpen, the entries joined by `,\n`, jsonResultsClose. toJson joins the same parts.
 */
export function jsonHead(head: ReportHead): string {
  const ordered = {
    ...inKeyOrder(head, HEAD_KEYS),
    tool: { name: head.tool.name, version: head.tool.version },
    ...(head.endpoints ? { endpoints: inKeyOrder(head.endpoints, ENDPOINT_KEYS) } : {}),
    summary: { ...inKeyOrder(head.summary, SUMMARY_KEYS), tokens: inKeyOrder(head.summary.tokens, TOKEN_KEYS) },
    results: [],
  };
  const text = JSON.stringify(ordered, jsonSafe, 2);
  // The document ends with the empty results array; what comes before it is the head.
  return text.slice(0, -EMPTY_RESULTS_END.length);
}

/** One entry of `results`, indented as it sits in the document (two levels deep). */
export function jsonResultEntry(result: TestResult): string {
  // Nested two arrays deep, JSON.stringify indents the entry as the whole document would; the
  // brackets around it are cut off.
  return stringifyFast([[orderResult(result)]]).slice(NESTING_OPEN.length, -NESTING_CLOSE.length);
}

/**
 * A replacer makes JSON.stringify several times slower, and only a var can hold a BigInt (the one
 * value it refuses): try without, and use the replacer for the rare result that needs it.
 */
function stringifyFast(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, jsonSafe, 2);
  }
}

export function jsonResultsOpen(count: number): string {
  return count === 0 ? '[]' : '[\n';
}

export function jsonResultsClose(count: number): string {
  return count === 0 ? '\n}' : '\n  ]\n}';
}

const EMPTY_RESULTS_END = '[]\n}';
const NESTING_OPEN = '[\n  [\n';
const NESTING_CLOSE = '\n  ]\n]';

function orderResult(result: TestResult): Record<string, unknown> {
  return {
    ...inKeyOrder(result, RESULT_KEYS),
    assertions: result.assertions.map((assertion) => inKeyOrder(assertion, ASSERTION_KEYS)),
    samples: result.samples.map((sample) => ({
      ...inKeyOrder(sample, SAMPLE_KEYS),
      assertions: sample.assertions.map((assertion) => inKeyOrder(assertion, ASSERTION_KEYS)),
      tokens: inKeyOrder(sample.tokens, TOKEN_KEYS),
    })),
    tokens: inKeyOrder(result.tokens, TOKEN_KEYS),
  };
}

// Spreading over the ordered copy keeps the key positions set here; only the values are replaced.
function inKeyOrder<T extends object>(value: T, keys: KeyOrder<T>): Record<string, unknown> {
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys as readonly string[]) if (key in source) out[key] = source[key];
  for (const key of Object.keys(source)) if (!(key in out)) out[key] = source[key];
  return out;
}

// Vars come from user files; a BigInt would make JSON.stringify throw and lose the whole report.
function jsonSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
