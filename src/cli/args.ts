import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error.js';

export type Command = 'run' | 'validate' | 'help' | 'version';

const options = {
  model: { type: 'string', short: 'm' },
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  config: { type: 'string', short: 'c' },
  concurrency: { type: 'string', short: 'j' },
  timeout: { type: 'string' },
  'max-retry-time': { type: 'string' },
  repeat: { type: 'string' },
  'min-pass-rate': { type: 'string' },
  'cache-dir': { type: 'string' },
  // Spelled out rather than relying on parseArgs' allowNegative, which older Node 20 releases lack.
  'no-cache': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  junit: { type: 'string' },
  markdown: { type: 'string' },
  test: { type: 'string', short: 't', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} satisfies ParseArgsConfig['options'];

/** Flags exactly as given; defaults and the config file are applied later, in settings.ts. */
export interface ParsedArgs {
  command: Command;
  /** The command the user asked help for, when `command` is help. */
  helpFor?: 'run' | 'validate';
  paths: string[];
  model?: string;
  baseUrl?: string;
  apiKey?: string;
  config?: string;
  concurrency?: number;
  timeoutMs?: number;
  maxRetryTimeMs?: number;
  repeat?: number;
  minPassRate?: number;
  cacheDir?: string;
  noCache: boolean;
  output?: string;
  junit?: string;
  markdown?: string;
  tests: string[];
  quiet: boolean;
  noColor: boolean;
}

const commands = new Set(['run', 'validate', 'help']);

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
    if (topic === 'run' || topic === 'validate') helpFor = topic;
    paths = [];
  } else if (commands.has(first)) {
    command = first as Command;
    paths = rest;
  } else {
    throw new UsageError(`unknown command "${first}". Commands: run, validate. Run \`promptgate --help\` for usage.`);
  }

  return {
    command,
    helpFor,
    paths,
    model: values.model,
    baseUrl: values['base-url'],
    apiKey: values['api-key'],
    config: values.config,
    concurrency: optionalNumber(values.concurrency, '--concurrency', { integer: true, min: 1, max: 1024 }),
    timeoutMs: optionalNumber(values.timeout, '--timeout', { integer: true, min: 1 }),
    maxRetryTimeMs: optionalNumber(values['max-retry-time'], '--max-retry-time', { integer: true, min: 0 }),
    repeat: optionalNumber(values.repeat, '--repeat', { integer: true, min: 1, max: 1000 }),
    minPassRate: optionalNumber(values['min-pass-rate'], '--min-pass-rate', { min: 0, max: 1 }),
    cacheDir: values['cache-dir'],
    noCache: values['no-cache'] ?? false,
    output: values.output,
    junit: values.junit,
    markdown: values.markdown,
    tests: values.test ?? [],
    quiet: values.quiet ?? false,
    noColor: values['no-color'] ?? false,
  };
}

interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
}

export function optionalNumber(raw: string | undefined, flag: string, rule: NumberRule): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const kind = rule.integer ? 'a whole number' : 'a number';
  const range =
    rule.min !== undefined && rule.max !== undefined
      ? ` from ${rule.min} to ${rule.max}`
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
