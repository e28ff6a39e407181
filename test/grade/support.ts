// Runs prompt files given as text through the real pipeline with a grader, against the scripted
// model double standing in for both the model under test and the judge.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseProjectConfig } from '../../src/settings/config.js';
import { resolveGradingSettings, type GradingOverrides } from '../../src/settings/grading.js';
import { gradingNeeds } from '../../src/grade/needs.js';
import { executeCases, planCases } from '../../src/pipeline.js';
import { createDiskCache, createDiskEmbeddingCache } from '../../src/run/cache.js';
import { prepareGrading } from '../../src/engine/grading-setup.js';
import type { Redactor } from '../../src/redact.js';
import { createOpenAIProvider } from '../../src/provider/openai.js';
import { loadSuite } from '../../src/suite/load.js';
import type { RunReport } from '../../src/types.js';
import type { ReceivedRequest } from '../support/model-server.js';

export const API_KEY = 'sk-grading-test-4c1d9e';

export interface GradedRunOptions {
  baseURL: string;
  /** promptgate.config.yaml text. */
  config?: string;
  overrides?: GradingOverrides;
  env?: NodeJS.ProcessEnv;
  cacheDir?: string;
  concurrency?: number;
  /** The project directory: relative paths in the config are read from here. */
  cwd?: string;
  redact?: Redactor;
}

export async function runGraded(files: Record<string, string>, options: GradedRunOptions): Promise<RunReport> {
  const suites = Object.entries(files).map(([file, text]) => {
    const { suite, problems } = loadSuite(file, text);
    const errors = problems.filter((problem) => problem.severity === 'error');
    if (!suite || errors.length > 0) throw new Error(`test file ${file} is invalid: ${JSON.stringify(errors)}`);
    return suite;
  });
  const { cases, problems } = planCases(suites, { tests: [] });
  if (problems.length > 0) throw new Error(JSON.stringify(problems));
  const { config, problems: configProblems } = parseProjectConfig('promptgate.config.yaml', options.config ?? '');
  if (configProblems.length > 0) throw new Error(JSON.stringify(configProblems));
  const main = { baseURL: options.baseURL, apiKey: API_KEY };
  const settings = resolveGradingSettings(config, options.overrides ?? {}, options.env ?? {}, main);
  const provider = createOpenAIProvider({ ...main, timeoutMs: 5_000 });
  const cache = options.cacheDir ? createDiskCache(options.cacheDir) : undefined;
  const prepared = await prepareGrading(settings, gradingNeeds(cases), {
    mainProvider: provider,
    mainBaseURL: main.baseURL,
    mainApiKey: main.apiKey,
    timeoutMs: 5_000,
    cwd: options.cwd ?? process.cwd(),
    ...(cache ? { cache } : {}),
    ...(options.cacheDir ? { embeddingCache: createDiskEmbeddingCache(options.cacheDir) } : {}),
  });
  if (!prepared.ok) throw new Error(prepared.reason);
  return executeCases(cases, {
    provider,
    concurrency: options.concurrency ?? 4,
    timeoutMs: 5_000,
    maxRetryTimeMs: 2_000,
    version: 'test',
    grading: prepared.setup,
    prices: settings.prices,
    ...(cache ? { cache } : {}),
    ...(options.redact ? { redact: options.redact } : {}),
  });
}

export function responseFormatName(request: ReceivedRequest): string | undefined {
  const format = request.body.response_format as { json_schema?: { name?: string } } | undefined;
  return format?.json_schema?.name;
}

export function isRubricJudge(request: ReceivedRequest): boolean {
  return responseFormatName(request) === 'llm_rubric_verdict';
}

/** The judge's view of the answer: the rendered `<answer>` block of its request. */
export function judgedText(request: ReceivedRequest): string {
  return request.body.messages.map((message) => message.content).join('\n');
}

export async function withTempDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'promptgate-grade-'));
  try {
    return await use(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
