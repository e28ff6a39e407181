// The suggestion engine for one job, wired like the run engine (one provider, the same settings)
// plus an in-memory cache shared by everything here: the action's own look at which tests fail and
// the engine's "before" run then cost the model calls once.
import type { SuggestEngineOptions } from '../../feedback/index.js';
import { executeCases, planCases } from '../../pipeline.js';
import { createDiskCache } from '../../provider/cache.js';
import { createOpenAIProvider } from '../../provider/openai.js';
import type { Problem, RunReport, Suite } from '../../types.js';
import type { SuggestInputs } from '../inputs.js';
import { redactDeep, type Redactor } from '../redact.js';
import type { EngineSettings } from '../run-settings.js';
import { VERSION } from '../version.js';
import type { CallAllowance } from './call-limit.js';
import { createMemoryCache } from './memory-cache.js';

export interface SuggestEngine {
  options: SuggestEngineOptions;
  /** Runs every test of `suite`, spending from `allowance`: which fail. */
  runTests(suite: Suite, allowance: CallAllowance): Promise<{ report?: RunReport; problems: Problem[] }>;
}

export function createSuggestEngine(settings: EngineSettings, suggest: SuggestInputs, redact: Redactor, warn: (message: string) => void): SuggestEngine {
  const provider = createOpenAIProvider({ baseURL: settings.baseURL, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs });
  const disk = settings.cacheDir ? createDiskCache(settings.cacheDir, { warn: (message) => warn(redact(message)) }) : undefined;
  const cache = createMemoryCache(disk);
  // The `model` input says which model this endpoint should answer with; without editor-model, the
  // editor prompt's own model (an OpenAI one) would be asked of an endpoint that may not serve it.
  const editorModel = suggest.editorModel ?? settings.modelOverride;
  const options: SuggestEngineOptions = {
    provider,
    cache,
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    maxRetryTimeMs: settings.maxRetryTimeMs,
    ...(settings.modelOverride ? { modelOverride: settings.modelOverride } : {}),
    ...(settings.defaultModel ? { defaultModel: settings.defaultModel } : {}),
    ...(editorModel ? { editorModel } : {}),
    version: VERSION,
  };
  return {
    options,
    async runTests(suite, allowance) {
      const plan = planCases([suite], { modelOverride: settings.modelOverride, defaultModel: settings.defaultModel, tests: [] });
      if (plan.problems.some((problem) => problem.severity === 'error')) return { problems: plan.problems };
      const report = await executeCases(plan.cases, {
        provider: allowance.wrap(provider),
        cache,
        concurrency: settings.concurrency,
        timeoutMs: settings.timeoutMs,
        maxRetryTimeMs: settings.maxRetryTimeMs,
        version: VERSION,
      });
      return { report: redactDeep(report, redact), problems: plan.problems };
    },
  };
}
