import { parseArgs, type ParseArgsConfig } from 'node:util';
import { MAX_CONCURRENCY, MAX_DURATION_MS, MAX_MODEL_CALLS, MAX_REPEAT } from '../limits.js';
import { FAIL_ON, type FailOn } from '../verdict.js';
import { parseRate, RATE_EXPECTED } from '../settings/rate.js';
import { reportsByExtension } from './report-paths.js';
import { UsageError } from './usage-error.js';
import { parseShard, type ShardSpec } from '../shard/partition.js';

export type Command = 'run' | 'validate' | 'suggest' | 'init' | 'help' | 'version';

/** Flags only `suggest` reads; any other command rejects them rather than ignoring them. */
const SUGGEST_ONLY = ['critique', 'candidates', 'apply', 'editor-model', 'editor-prompt', 'lines', 'max-calls', 'max-time'] as const;
/** Flags only `run` reads. */
const RUN_ONLY = ['against', 'baseline', 'fail-on', 'failed-from', 'shard'] as const;

const options = {
  model: { type: 'string', short: 'm', multiple: true },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'env-file': { type: 'string', multiple: true },
  'judge-model': { type: 'string' },
  'judge-base-url': { type: 'string' },
  config: { type: 'string', short: 'c' },
  concurrency: { type: 'string', short: 'j' },
  timeout: { type: 'string' },
  'max-retry-time': { type: 'string' },
  repeat: { type: 'string' },
  'min-pass-rate': { type: 'string' },
  'cache-dir': { type: 'string' },
  // Spelled out rather than relying on parseArgs' allowNegative, which older Node 20 releases lack.
  'no-cache': { type: 'boolean' },
  output: { type: 'string', short: 'o', multiple: true },
  junit: { type: 'string' },
  markdown: { type: 'string' },
  test: { type: 'string', short: 't', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  'no-color': { type: 'boolean' },
  against: { type: 'string' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string' },
  'failed-from': { type: 'string' },
  shard: { type: 'string' },
  critique: { type: 'string' },
  candidates: { type: 'string' },
  apply: { type: 'boolean' },
  'editor-model': { type: 'string' },
  'editor-prompt': { type: 'string' },
  lines: { type: 'string' },
  'max-calls': { type: 'string' },
  'max-time': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options'];

/** Flags exactly as given; defaults and the config file are applied later, in settings.ts. */
export interface ParsedArgs {
  command: Command;
  /** The command the user asked help for, when `command` is help. */
  helpFor?: HelpTopic;
  paths: string[];
  /** dotenv files to load before anything reads the environment (`--env-file`, repeatable). */
  envFiles: string[];
  /** The one `--model` given; absent when none or several were (see `models`). */
  model?: string;
  /** Every `--model`, in order: several run each file once per model. */
  models: string[];
  baseUrl?: string;
  apiKey?: string;
  /** Model for every judge call (llm-rubric, GitHub Models evaluators). */
  judgeModel?: string;
  judgeBaseUrl?: string;
  config?: string;
  concurrency?: number;
  timeoutMs?: number;
  maxRetryTimeMs?: number;
  repeat?: number;
  minPassRate?: number;
  cacheDir?: string;
  noCache: boolean;
  /** The JSON report: `--output`, or `-o` with a .json path. */
  output?: string;
  /** The JUnit report: `--junit`, or `-o` with a .xml path. */
  junit?: string;
  /** The Markdown report: `--markdown`, or `-o` with a .md path. */
  markdown?: string;
  /** A report path not taken (see report-paths.ts): `run` is refused with it. */
  reportProblem?: string;
  tests: string[];
  quiet: boolean;
  noColor: boolean;
  /** run: the git ref to compare the working tree's prompt files with. */
  against?: string;
  /** run: an earlier results file (`--output`) to compare with: a release's baseline. */
  baseline?: string;
  /** run: when the run fails. */
  failOn?: FailOn;
  /** run: an earlier results file whose failed and errored tests are the only ones to run. */
  failedFrom?: string;
  /** run: the part of the tests to run (`--shard i/N`). */
  shard?: ShardSpec;
  /** suggest: the reviewer's critique, verbatim. */
  critique?: string;
  /** suggest: candidate edits to ask for. */
  candidates?: number;
  /** suggest: write the verified edit to the file. */
  apply?: boolean;
  /** suggest: model for the editor call. */
  editorModel?: string;
  /** suggest: the editor prompt file to use instead of the bundled one. */
  editorPrompt?: string;
  /** suggest: the lines the critique is about, `12` or `12-18`. */
  lines?: { start: number; end: number };
  /** suggest: model calls the whole step may make. */
  maxCalls?: number;
  /** suggest: wall time the whole step may take, in ms. */
  maxTimeMs?: number;
}

const commands = new Set(['run', 'validate', 'suggest', 'init', 'help']);
export type HelpTopic = 'run' | 'validate' | 'suggest' | 'init';
const helpTopics = new Set<string>(['run', 'validate', 'suggest', 'init']);
/** What `init` accepts besides `--help`: it asks nothing, and a flag given to it would be a flag ignored. */
const INIT_FLAGS = new Set(['no-color', 'quiet']);

export function parseCommandLine(argv: string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' messages are already user-facing ("Unknown option '--foo'"); drop its stack.
    throw new UsageError(`${(error as Error).message}. Run \`promptgate --help\` for the options.`);
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;

  let command: Command;
  let paths: string[];
  let helpFor: ParsedArgs['helpFor'];
  if (values.version) {
    command = 'version';
    paths = [];
  } else if (first === undefined || values.help || first === 'help') {
    command = 'help';
    const topic = first === 'help' ? rest[0] : first;
    if (topic !== undefined && helpTopics.has(topic)) helpFor = topic as HelpTopic;
    paths = [];
  } else if (commands.has(first)) {
    command = first as Command;
    paths = rest;
  } else {
    throw new UsageError(`unknown command "${first}". Commands: run, validate, suggest, init. Run \`promptgate --help\` for usage.`);
  }
  if (command === 'init') {
    if (paths.length > 0) throw new UsageError(`\`promptgate init\` takes no paths; it writes the starter files in the current directory (got "${paths[0]}")`);
    const flag = Object.keys(values).find((name) => !INIT_FLAGS.has(name));
    if (flag !== undefined) throw new UsageError(`--${flag} is not an option of \`promptgate init\`, which takes none`);
  }
  if (command !== 'suggest' && command !== 'help' && command !== 'version') {
    const misplaced = SUGGEST_ONLY.find((flag) => values[flag] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} is an option of \`promptgate suggest\`, not of \`promptgate ${command}\``);
  }
  if (command === 'validate' || command === 'suggest') {
    const misplaced = RUN_ONLY.find((flag) => values[flag] !== undefined);
    if (misplaced) throw new UsageError(`--${misplaced} is an option of \`promptgate run\`, not of \`promptgate ${command}\``);
  }

  const models = values.model ?? [];
  const twice = models.find((model, index) => models.indexOf(model) !== index);
  if (twice !== undefined) throw new UsageError(`--model ${twice} is given twice; name each model once`);
  if (models.length > 1 && command === 'suggest') throw new UsageError('`promptgate suggest` takes one --model: the edit is verified on one model');
  const reports = reportsByExtension(values.output ?? [], { junit: values.junit, markdown: values.markdown });

  return {
    command,
    helpFor,
    paths,
    envFiles: values['env-file'] ?? [],
    ...(models.length === 1 ? { model: models[0] } : {}),
    models,
    baseUrl: values['base-url'],
    apiKey: values['api-key'],
    judgeModel: values['judge-model'],
    judgeBaseUrl: values['judge-base-url'],
    config: values.config,
    concurrency: optionalNumber(values.concurrency, '--concurrency', { integer: true, min: 1, max: MAX_CONCURRENCY }),
    timeoutMs: optionalNumber(values.timeout, '--timeout', { integer: true, min: 1, max: MAX_DURATION_MS, unit: MS }),
    maxRetryTimeMs: optionalNumber(values['max-retry-time'], '--max-retry-time', { integer: true, min: 0, max: MAX_DURATION_MS, unit: MS }),
    repeat: optionalNumber(values.repeat, '--repeat', { integer: true, min: 1, max: MAX_REPEAT }),
    minPassRate: rate(values['min-pass-rate'], '--min-pass-rate'),
    cacheDir: values['cache-dir'],
    noCache: values['no-cache'] ?? false,
    output: reports.json,
    junit: reports.junit,
    markdown: reports.markdown,
    ...(reports.problem !== undefined ? { reportProblem: reports.problem } : {}),
    tests: values.test ?? [],
    quiet: values.quiet ?? false,
    noColor: values['no-color'] ?? false,
    against: values.against,
    baseline: values.baseline,
    failOn: choice(values['fail-on'], '--fail-on', FAIL_ON),
    failedFrom: values['failed-from'],
    ...(values.shard !== undefined ? { shard: shard(values.shard) } : {}),
    critique: values.critique,
    candidates: optionalNumber(values.candidates, '--candidates', { integer: true, min: 1, max: 10 }),
    apply: values.apply ?? false,
    editorModel: values['editor-model'],
    editorPrompt: values['editor-prompt'],
    lines: lineRange(values.lines),
    maxCalls: optionalNumber(values['max-calls'], '--max-calls', { integer: true, min: 1, max: MAX_MODEL_CALLS }),
    maxTimeMs: optionalNumber(values['max-time'], '--max-time', { integer: true, min: 1, max: MAX_DURATION_MS, unit: MS }),
  };
}

function choice<T extends string>(raw: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`${flag} takes ${allowed.join(', ')}; got "${raw}"`);
  return raw as T;
}

/** `0.9` or `90%`, as the Action's min-pass-rate input takes it. */
function rate(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = parseRate(raw);
  if (value === undefined) throw new UsageError(`${flag} takes ${RATE_EXPECTED}; got "${raw}"`);
  return value;
}

function shard(raw: string): ShardSpec {
  const parsed = parseShard(raw);
  if ('problem' in parsed) throw new UsageError(parsed.problem);
  return parsed;
}

/** `12` or `12-18` (1-based, inclusive). */
function lineRange(raw: string | undefined): { start: number; end: number } | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(raw);
  const start = match ? Number(match[1]) : NaN;
  const end = match?.[2] !== undefined ? Number(match[2]) : start;
  if (!match || start < 1 || end < start || !Number.isSafeInteger(end)) throw new UsageError(`--lines takes a line or a range such as 12-18; got "${raw}"`);
  return { start, end };
}

interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  /** Said after the range, e.g. ` ms (24 hours)`. */
  unit?: string;
}

/** Every duration flag ends at MAX_DURATION_MS: Node's timers misfire past 2^31 ms. */
const MS = ' ms (24 hours)';

export function optionalNumber(raw: string | undefined, flag: string, rule: NumberRule): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const kind = rule.integer ? 'a whole number' : 'a number';
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? ` from ${rule.min} to ${rule.max}${rule.unit ?? ''}`
      : rule.min !== undefined
        ? ` of at least ${rule.min}`
        : '';
  if (
    raw.trim() === '' ||
    !Number.isFinite(value) ||
    (rule.integer && !Number.isInteger(value)) ||
    (rule.min !== undefined && value < rule.min) ||
    (rule.max !== undefined && value > rule.max)
  ) {
    throw new UsageError(`${flag} takes ${kind}${range}; got "${raw}"`);
  }
  return value;
}
