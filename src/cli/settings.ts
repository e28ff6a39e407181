import type { ParsedArgs } from './args.js';
import type { FailOn } from '../verdict.js';
import { refProblem } from './git-ref.js';
import type { LoadedConfig } from '../settings/config.js';
import type { DeclaredGate } from '../settings/gates.js';
import { DEFAULT_CACHE_DIR, DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRY_TIME_MS, DEFAULT_TIMEOUT_MS } from '../settings/defaults.js';
import { endpointNeedsKey, nonEmpty, OPENAI_BASE_URL, urlProblem } from '../settings/endpoint.js';
import { compareSettingsOf, type EngineSettings } from '../settings/engine.js';
import { resolveGradingSettings } from '../settings/grading.js';
import { proxySettingsOf } from '../settings/proxy.js';
import { secretsOf } from '../settings/secrets.js';
import { ECHO_MODEL } from '../provider/echo.js';
import { createRedactor, type Redactor } from '../redact.js';
import type { TestSelection } from '../suite/select-tests.js';
import { UsageError } from './usage-error.js';
import type { ShardSpec } from '../shard/partition.js';

/** Everything `run` needs, resolved once: flags win over the config file, which wins over the environment. */
export interface RunSettings extends EngineSettings {
  /** Files, directories or globs to run. */
  paths: string[];
  /** A placeholder for local servers that ignore it. */
  apiKey: string;
  /** The run fails when the overall pass rate is below this, even if each test met its own. */
  minPassRate?: number;
  outputs: { json?: string; junit?: string; markdown?: string };
  /** Only tests with these names, or names matching these patterns (`*`, `?`), run (all when empty). */
  tests: string[];
  /** Only these tests run, by file and name: the failed and errored tests of `failedFrom`, once read. */
  only?: ReadonlySet<string>;
  quiet: boolean;
  color: boolean;
  /** Redraw a live progress line (a terminal, not a CI log). */
  interactive: boolean;
  /** The git ref whose versions of the prompt files the run compares with (`--against`). */
  against?: string;
  /** An earlier results file the run compares with (`--baseline`), as given. */
  baseline?: string;
  /** An earlier results file whose failed and errored tests are the only ones run (`--failed-from`), as given. */
  failedFrom?: string;
  /**
   * `--fail-on`, when given: a condition for exit 1 on top of the gates. Absent: the gates decide a
   * compared run, and a run compared with nothing fails on any failing test (see finishRun).
   */
  failOn?: FailOn;
  /** The config's `gates:`; with a comparison and none declared, no regression applies. */
  gates: DeclaredGate[];
  /** `--shard i/N`: only this part of the selected tests runs. */
  shard?: ShardSpec;
}

/** Sent to local servers (Ollama, vLLM, LM Studio), which ignore the key, because the SDK insists on one. */
const NO_API_KEY = 'not-needed';

export function resolveRunSettings(
  args: ParsedArgs,
  loaded: Pick<LoadedConfig, 'config' | 'gates'>,
  env: NodeJS.ProcessEnv,
  terminal: { stdoutIsTTY: boolean; stderrIsTTY: boolean },
): RunSettings {
  const { config } = loaded;
  if (args.reportProblem !== undefined) throw new UsageError(args.reportProblem);
  const baseURL = args.baseUrl ?? config.baseUrl ?? nonEmpty(env.OPENAI_BASE_URL) ?? OPENAI_BASE_URL;
  const from = args.baseUrl !== undefined ? '--base-url' : config.baseUrl !== undefined ? 'baseUrl in the config file' : 'OPENAI_BASE_URL';
  if (baseURL !== OPENAI_BASE_URL) checkUrl(baseURL, `the base URL (${from})`);
  // Refused even when no graded assertion would use it: a flag given is a flag meant.
  if (args.judgeBaseUrl !== undefined) checkUrl(args.judgeBaseUrl, 'the judge base URL (--judge-base-url)');
  let apiKey = args.apiKey ?? (config.apiKeyEnv ? nonEmpty(env[config.apiKeyEnv]) : undefined) ?? nonEmpty(env.OPENAI_API_KEY);
  // `--model echo` answers every file on this machine: the endpoint, and so its key, is never used.
  const echoOnly = args.model === ECHO_MODEL;
  const keyMissing = apiKey === undefined && endpointNeedsKey(baseURL);
  if (apiKey === undefined) {
    if (keyMissing && !echoOnly) {
      const where = config.apiKeyEnv ? `${config.apiKeyEnv} (named by apiKeyEnv in the config file)` : 'OPENAI_API_KEY';
      throw new UsageError(
        `no API key for ${baseURL}: set ${where}, or point --base-url at a local server such as Ollama (or try the files without a model: --model ${ECHO_MODEL})`,
      );
    }
    apiKey = NO_API_KEY;
  }
  const network = proxySettingsOf(env);
  if (!network.ok) throw new UsageError(network.problem);
  const noColor = args.noColor || env.NO_COLOR !== undefined;
  const against = args.against === undefined ? undefined : checkedRef(args.against);
  if (against !== undefined && args.baseline !== undefined) {
    throw new UsageError('--against and --baseline both name what to compare with: give one (a git ref to run the files as they were there, or a results file to compare with as it was recorded)');
  }
  if (args.baseline !== undefined && args.baseline.trim() === '') throw new UsageError('--baseline takes a results file written by `promptgate run --output FILE`');
  if (args.failedFrom !== undefined && args.failedFrom.trim() === '') throw new UsageError('--failed-from takes a results file written by `promptgate run --output FILE`');
  if (args.models.length > 1 && (against !== undefined || args.baseline !== undefined)) {
    throw new UsageError(`several --model with ${against !== undefined ? '--against' : '--baseline'}: a comparison runs one model; compare each model in a run of its own`);
  }
  if (args.shard !== undefined && (against !== undefined || args.baseline !== undefined)) {
    throw new UsageError(`--shard with ${against !== undefined ? '--against' : '--baseline'} is not supported yet: shard a run compared with nothing, or run the comparison whole`);
  }
  if (args.failOn === 'regression' && against === undefined && args.baseline === undefined) {
    throw new UsageError(
      '--fail-on regression needs --against <git ref> or --baseline FILE: a regression is a test that got worse than it was there; without one, use --fail-on failure',
    );
  }
  return {
    paths: args.paths.length > 0 ? args.paths : (config.prompts ?? ['.']),
    baseURL,
    apiKey,
    modelOverride: args.model,
    ...(args.models.length > 1 ? { models: args.models } : {}),
    defaultModel: config.model,
    concurrency: args.concurrency ?? config.concurrency ?? DEFAULT_CONCURRENCY,
    timeoutMs: args.timeoutMs ?? config.timeout ?? DEFAULT_TIMEOUT_MS,
    maxRetryTimeMs: args.maxRetryTimeMs ?? config.maxRetryTime ?? DEFAULT_MAX_RETRY_TIME_MS,
    repeat: args.repeat ?? config.repeat,
    minPassRate: args.minPassRate ?? config.minPassRate,
    // Echo answers cost nothing to make again: a try-out leaves no cache behind.
    cacheDir: args.noCache || config.cache === false || echoOnly ? undefined : (args.cacheDir ?? config.cacheDir ?? DEFAULT_CACHE_DIR),
    outputs: { json: args.output, junit: args.junit, markdown: args.markdown },
    tests: args.tests,
    quiet: args.quiet,
    color: !noColor && (env.FORCE_COLOR !== undefined || terminal.stdoutIsTTY),
    interactive: terminal.stderrIsTTY && !env.CI,
    ...(against !== undefined ? { against } : {}),
    ...(args.baseline !== undefined ? { baseline: args.baseline } : {}),
    ...(args.failedFrom !== undefined ? { failedFrom: args.failedFrom } : {}),
    ...(args.failOn !== undefined ? { failOn: args.failOn } : {}),
    ...(args.shard !== undefined ? { shard: args.shard } : {}),
    gates: loaded.gates,
    compare: compareSettingsOf(config),
    ...(network.proxy ? { proxy: network.proxy } : {}),
    // Without a key (echo), a judge on the endpoint has none either: it is refused if a test needs it.
    grading: resolveGradingSettings(config, { judgeModel: args.judgeModel, judgeBaseUrl: args.judgeBaseUrl, modelOverride: args.model }, env, { baseURL, apiKey: keyMissing ? '' : apiKey }),
  };
}

/** Each file runs once per model (`--model a --model b`): the reports show them side by side. */
export function severalModels(settings: Pick<RunSettings, 'models'>): boolean {
  return (settings.models?.length ?? 0) > 1;
}

/** Which tests the run selects: --test, and --failed-from once read. */
export function selectionOf(settings: Pick<RunSettings, 'tests' | 'only'>): TestSelection {
  return { names: settings.tests, ...(settings.only ? { only: settings.only } : {}) };
}

/** The run's redactor: every key it may send, but not the `not-needed` placeholder. */
export function redactorOf(settings: RunSettings): Redactor {
  return createRedactor(secretsOf(settings, { notASecret: NO_API_KEY }));
}

function checkedRef(ref: string): string {
  const problem = refProblem(ref);
  if (problem) throw new UsageError(problem);
  return ref;
}

function checkUrl(url: string, what: string): void {
  const problem = urlProblem(url, what);
  if (problem) throw new UsageError(problem);
}
