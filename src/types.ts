// The shapes that flow through the pipeline: load → validate → expand → run → assert → results.
// Every stage and every reporter speaks these types; nothing here knows about GitHub or HTTP.

/** A 1-based position in a source file, as editors and `path:line:column` messages count. */
export interface Position {
  line: number;
  column: number;
}

/** The lines a YAML node covers; `end` is inclusive of the node's last character. */
export interface Span {
  start: Position;
  end: Position;
}

/** One problem found before any model call. Reported as `file:line:column: message`. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** Warnings are shown but do not make validation fail. */
  severity: 'error' | 'warning';
}

export type Role = 'system' | 'developer' | 'user' | 'assistant';

export interface ChatMessage {
  role: Role;
  content: string;
}

/** A message as written in the file: `content` may hold `{{var}}` placeholders. */
export interface MessageTemplate extends ChatMessage {
  span: Span;
  /** Where the content string itself sits, for pointing at placeholders. */
  contentSpan: Span;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } };

export interface ModelParameters {
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  seed?: number;
  responseFormat?: ResponseFormat;
}

/**
 * One assertion after normalisation: the long form `{type, value}`, the short form `{contains: x}`
 * and GitHub Models evaluators all become this.
 */
export interface Assertion {
  /** The type as the user wrote it, `not-` included, e.g. `not-contains`. Shown in reports. */
  type: string;
  /** The handler's type, without `not-`. */
  baseType: string;
  negate: boolean;
  value?: unknown;
  /** Optional label (GitHub Models evaluators have names). */
  name?: string;
  /** Score threshold for graded assertions; unused by pass/fail ones. */
  threshold?: number;
  span?: Span;
}

export interface TestDefinition {
  /** Stable position of the test in its file, 0-based. Used for ordering and fingerprints. */
  index: number;
  name: string;
  description?: string;
  vars: Record<string, unknown>;
  /** File-level assertions followed by the test's own. */
  assert: Assertion[];
  repeat: number;
  /** Fraction of samples (0..1) that must pass for the test to pass. */
  minPassRate: number;
  /** The file's `tags` and the test's own, each once; absent when there are none. */
  tags?: string[];
  span?: Span;
}

export interface Suite {
  /** Path as given on the command line or found by discovery, relative to the working directory. */
  file: string;
  format: 'promptgate' | 'github-models';
  name: string;
  description?: string;
  /** Model named in the file; `--model` overrides it. */
  model?: string;
  modelParameters: ModelParameters;
  messages: MessageTemplate[];
  tests: TestDefinition[];
}

/** One model call to make: a test's rendered messages for one sample. */
export interface Case {
  suite: Suite;
  test: TestDefinition;
  /** 0-based sample number, part of the cache key so repeats are independent samples. */
  sample: number;
  model: string;
  messages: ChatMessage[];
  parameters: ModelParameters;
  /** The test's assertions with `{{var}}` placeholders in their values rendered. */
  assert: Assertion[];
}

export interface TokenUsage {
  prompt: number;
  completion: number;
  total: number;
}

export interface Completion {
  output: string;
  usage?: TokenUsage;
  /** Time the model took for this answer; for a cached answer, the time it took when first made. */
  latencyMs: number;
  finishReason?: string;
  cached: boolean;
}

/** A call that could not be completed after retries. A value, never thrown through the pipeline. */
export interface ProviderFailure {
  message: string;
  /** HTTP status of the last attempt, when there was one. */
  status?: number;
  attempts: number;
}

export type CallOutcome = { ok: true; completion: Completion } | { ok: false; failure: ProviderFailure };

/**
 * An endpoint and model the run stopped calling: its first calls all failed in a way no retry and
 * no other test can fix (nothing listening, no such host, 401, 403, 404) and none succeeded.
 */
export interface EndpointDown {
  /** The base URL, without credentials or query. */
  endpoint: string;
  model: string;
  /** 401, 403 or 404; absent when nothing answered (connection refused, no such host). */
  status?: number;
  /** The first of those failures, as the tests that met it report it. */
  error: string;
  /** Attempts sent that failed so (the ones that stopped it, and those already in flight). */
  failedAttempts: number;
  /** Calls not sent because of it (a test's own, a judge's, an embedding's). */
  notSent: number;
}

export interface AssertionResult {
  type: string;
  name?: string;
  pass: boolean;
  /** 0..1; 1 for a plain pass, 0 for a plain fail. */
  score: number;
  /** A sentence a human can act on: `expected output to contain "30 days"`. */
  reason: string;
  /** True when the assertion could not be evaluated here (e.g. an unsupported evaluator); not counted. */
  skipped?: boolean;
  /**
   * True when a graded assertion got no usable verdict (the judge erred or answered garbage): the
   * sample is then `errored` (or `failed`, when another assertion definitely failed), never passed
   * on a guess. `reason` says what went wrong.
   */
  errored?: boolean;
  line?: number;
}

/** Calls made to grade outputs (judge completions and embeddings), kept apart from the model under test. */
export interface JudgeUsage {
  /** Grading calls needed, cache hits included. */
  calls: number;
  tokens: TokenUsage;
  /** USD; absent when a grading model has no price. */
  cost?: number;
}

export type Status = 'passed' | 'failed' | 'errored';

export interface SampleResult {
  sample: number;
  status: Status;
  output: string;
  error?: string;
  assertions: AssertionResult[];
  latencyMs: number;
  tokens: TokenUsage;
  /** USD for the model-under-test call, from its token usage and the price table; absent when unpriced. */
  cost?: number;
  /** Present when an assertion needed a judge or embeddings. */
  judge?: JudgeUsage;
  cached: boolean;
}

/** What the comparison of a test's two sides found; the five values are fixed (other clients read them). */
export type ComparisonChange = 'regression' | 'improvement' | 'unchanged' | 'inconclusive' | 'new';

/** One side's evaluated samples (errored ones are neither passed nor counted) and the pass rate's 95% Wilson interval. */
export interface SideEvidenceReport {
  passed: number;
  samples: number;
  interval: { low: number; high: number };
}

/** A test compared with its earlier self (the pull request's base, `--against`, a baseline). */
export interface TestComparison {
  change: ComparisonChange;
  /** Absent for a `new` test. */
  base?: SideEvidenceReport;
  head: SideEvidenceReport;
  /**
   * The one-sided p-value in the direction of the change (worse for a regression or when nothing
   * changed, better for an improvement, the way it leaned for an inconclusive test), adjusted for
   * the looks taken; absent for a `new` test.
   */
  pValue?: number;
  /** Why sampling stopped: significant, no-change, identical, ceiling, budget, interrupted, no-evidence. */
  stopped?: string;
}

/** The counts of a run's comparison and the guarantees it was made with. */
export interface ComparisonSummary {
  regression: number;
  improvement: number;
  unchanged: number;
  inconclusive: number;
  new: number;
  /** The false-discovery rate each direction was controlled at. */
  falseAlarmRate: number;
  /** Samples a side a test could get at most. */
  maxSamples: number;
  /** Model calls the comparison planned, both sides (cache hits included), and its budget. */
  calls: number;
  budget: number;
  /** Tests the base (or the baseline) has and the run does not; absent in reports written before it was counted. */
  removed?: number;
}

export interface TestResult {
  file: string;
  suite: string;
  test: string;
  testIndex: number;
  /** Line of the test in its file (1-based); the file's first line when the test has no lines of its own. */
  line: number;
  /** The model the test ran with; absent in results written before it was recorded. */
  model?: string;
  vars: Record<string, unknown>;
  /**
   * The messages as sent, placeholders filled: the same array for every sample, and for every model
   * of a run with several. Absent in results written before they were recorded.
   */
  messages?: ChatMessage[];
  status: Status;
  pass: boolean;
  /** Some samples passed and some failed. */
  flaky: boolean;
  passRate: number;
  minPassRate: number;
  /** The representative sample's output: the first failing one if any failed, else the first. */
  output: string;
  error?: string;
  assertions: AssertionResult[];
  samples: SampleResult[];
  latencyMs: number;
  tokens: TokenUsage;
  /** Sum of the samples' costs; absent when none was priced. */
  cost?: number;
  /** Sum over samples; present when any sample was graded. */
  judge?: JudgeUsage;
  /** The test's tags (its file's and its own); absent when there are none. */
  tags?: string[];
  /** pass^k: every one of the test's samples passed; present when it has several. */
  passAll?: boolean;
  /** Present when the run compared this test with an earlier version. */
  comparison?: TestComparison;
}

export interface Summary {
  total: number;
  passed: number;
  failed: number;
  errored: number;
  flaky: number;
  /** passed ÷ (passed + failed); errored tests are neither. 1 when nothing was evaluated. */
  passRate: number;
  tokens: TokenUsage;
  /** USD for the model under test, summed over priced samples; absent when none was priced. */
  cost?: number;
  /** Models that had answers but no price, so `cost` leaves them out. */
  unpricedModels?: string[];
  /** Model calls actually sent (cache hits excluded). */
  requests: number;
  cacheHits: number;
  /** Grading calls, counted apart from `requests`/`cacheHits`; present when anything was graded. */
  judge?: JudgeUsage & { requests: number; cacheHits: number };
  durationMs: number;
  /** Present when the run compared its tests with an earlier version. */
  comparison?: ComparisonSummary;
  /** Endpoints and models the run stopped calling because their first calls all failed; absent when none. */
  endpointsDown?: EndpointDown[];
  /**
   * Present when a stop (Ctrl-C, a cancelled job) ended the run before every test finished, or
   * while the last ones did: the totals and results then hold only the tests that finished.
   */
  interrupted?: Interruption;
}

/** How far an interrupted run got: `total` tests finished of `planned`; the others are left out. */
export interface Interruption {
  /** Tests the run selected. */
  planned: number;
  /** Tests the stop cut short (not started, or a call abandoned): in no result and no total. */
  notFinished: number;
  /** The signal that stopped the run, when the edge knows it (`SIGINT`, `SIGTERM`). */
  signal?: string;
}

/** Where a run's calls went: base URLs without credentials, query or fragment (never a key). */
export interface RunEndpoints {
  /** The model under test's endpoint. */
  model: string;
  /** The judge's, when a test needed one. */
  judge?: string;
  /** The embeddings' (`local:<model>` for the offline model), when a test needed them. */
  embeddings?: string;
}

export interface RunReport {
  /** Version of this document's shape; bumped on any incompatible change. */
  schemaVersion: 1;
  tool: { name: 'promptgate'; version: string };
  startedAt: string;
  /** Absent in a refused run's report, which called nothing, and in results written before it was recorded. */
  endpoints?: RunEndpoints;
  summary: Summary;
  /**
   * Why nothing was run: the problems found before any call (invalid prompt files, a bad config,
   * an unknown --test). Present only in a refused run's report, whose results are then empty.
   */
  problems?: Problem[];
  /**
   * Which part of which run (`--shard i/N`): present only in a shard's results, which `promptgate
   * merge` joins. `run` fingerprints what the whole run selected, so a foreign shard is refused.
   */
  shard?: { index: number; count: number; run: string };
  results: TestResult[];
}

/** A report without its results: what a run that streams its results to disk keeps to the end. */
export type ReportHead = Omit<RunReport, 'results'>;
