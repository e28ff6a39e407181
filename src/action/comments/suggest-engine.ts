// The suggestion engine for one job, wired like the run engine (one provider, the same settings,
// the same grading) plus an in-memory cache shared by everything here: the action's own look at
// which tests fail and the engine's "before" run then cost the model calls once — judge calls too.
import type { SuggestEngineOptions } from '../../suggest/index.js';
import { meteredGrading } from '../../suggest/file-runner.js';
import { executeCases, planCases } from '../../pipeline.js';
import { createDiskCache, createDiskEmbeddingCache } from '../../run/cache.js';
import type { GradingEnvironment } from '../../engine/grading-setup.js';
import { gradingEnvironment, modelProvider, planOptions, runLimits } from '../../engine/assemble.js';
import type { Problem, RunReport, Suite } from '../../types.js';
import type { SuggestInputs } from '../inputs.js';
import { JobGrading, type GradingResult } from '../job-grading.js';
import { redactDeep, type Redactor } from '../../redact.js';
import type { ActionSettings } from '../run-settings.js';
import { VERSION } from '../../version.js';
import type { CallAllowance } from './call-limit.js';
import { createMemoryCache } from './memory-cache.js';

export interface SuggestEngine {
  options: SuggestEngineOptions;
  /** The options for suggesting an edit to `suite`, with the grading its assertions need; the reason when that cannot be set up. */
  optionsFor(suite: Suite): Promise<{ ok: true; options: SuggestEngineOptions } | { ok: false; reason: string }>;
  /** Runs every test of `suite`, spending from `allowance` (judge calls included): which fail. */
  runTests(suite: Suite, allowance: CallAllowance): Promise<{ report?: RunReport; problems: Problem[]; cannotGrade?: string }>;
}

export function createSuggestEngine(settings: ActionSettings, suggest: SuggestInputs, redact: Redactor, warn: (message: string) => void): SuggestEngine {
  const provider = modelProvider(settings);
  const warnRedacted = (message: string) => warn(redact(message));
  const disk = settings.cacheDir ? createDiskCache(settings.cacheDir, { warn: warnRedacted }) : undefined;
  const cache = createMemoryCache(disk);
  const grading = new JobGrading(settings);
  const environment = (): GradingEnvironment =>
    gradingEnvironment(settings, {
      mainProvider: provider,
      cwd: settings.workspace,
      cache,
      ...(settings.cacheDir ? { embeddingCache: createDiskEmbeddingCache(settings.cacheDir, { warn: warnRedacted }) } : {}),
    });
  const planFor = (suite: Suite) => planCases([suite], planOptions(settings, { withRepeat: false }));
  const gradingFor = (suite: Suite): Promise<GradingResult> => grading.setupFor(planFor(suite).cases, environment);

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
    redact,
  };
  return {
    options,
    async optionsFor(suite) {
      const prepared = await gradingFor(suite);
      if (!prepared.ok) return prepared;
      const graded: SuggestEngineOptions = { ...options, prices: settings.grading.prices, ...(prepared.setup ? { grading: prepared.setup } : {}) };
      return { ok: true, options: graded };
    },
    async runTests(suite, allowance) {
      const plan = planFor(suite);
      if (plan.problems.some((problem) => problem.severity === 'error')) return { problems: plan.problems };
      const prepared = await grading.setupFor(plan.cases, environment);
      if (!prepared.ok) return { problems: plan.problems, cannotGrade: redact(prepared.reason) };
      const report = await executeCases(plan.cases, {
        provider: allowance.wrap(provider),
        cache,
        ...runLimits(settings),
        // Judge calls spend from the same allowance as the calls under test.
        ...(prepared.setup ? { grading: meteredGrading(prepared.setup, (judge) => allowance.wrap(judge)) } : {}),
        version: VERSION,
        redact,
      });
      return { report: redactDeep(report, redact), problems: plan.problems };
    },
  };
}
