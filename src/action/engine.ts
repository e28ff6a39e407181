// The CLI's engine, wired once per job: one provider, one cache and one concurrency limit shared
// by the head and the base runs. Reports come back with secrets already redacted.
import type { Case, Problem, RunReport, Suite } from '../types.js';
import { executeCases, planCases } from '../pipeline.js';
import { createOpenAIProvider } from '../provider/openai.js';
import { createDiskCache } from '../provider/cache.js';
import { buildReport } from '../run/score.js';
import type { ChatProvider } from '../provider/types.js';
import type { CompletionCache } from '../provider/cache.js';
import { redactDeep, type Redactor } from './redact.js';
import type { EngineSettings } from './run-settings.js';
import { VERSION } from './version.js';

export interface Engine {
  /** The calls to make for `suites`, or problems (such as a file with no model) that prevent some. */
  plan(suites: Suite[]): { cases: Case[]; problems: Problem[] };
  execute(cases: Case[]): Promise<RunReport>;
}

export function createEngine(settings: EngineSettings, redact: Redactor, warn: (message: string) => void): Engine {
  let provider: ChatProvider | undefined;
  let cache: CompletionCache | undefined;
  return {
    plan: (suites) =>
      planCases(suites, {
        modelOverride: settings.modelOverride,
        defaultModel: settings.defaultModel,
        repeat: settings.repeat,
        tests: [],
      }),
    async execute(cases) {
      if (cases.length === 0) return emptyReport();
      // Created on first use: a run that makes no calls never needs the key.
      provider ??= createOpenAIProvider({ baseURL: settings.baseURL, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
      if (settings.cacheDir) cache ??= createDiskCache(settings.cacheDir, { warn: (message) => warn(redact(message)) });
      const report = await executeCases(cases, {
        provider,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        maxRetryTimeMs: settings.maxRetryTimeMs,
        cache,
        version: VERSION,
      });
      return redactDeep(report, redact);
    },
  };
}

/** The report of a run that had nothing to run. */
export function emptyReport(): RunReport {
  return buildReport([], [], { startedAt: new Date().toISOString(), durationMs: 0, requests: 0, cacheHits: 0, version: VERSION });
}
