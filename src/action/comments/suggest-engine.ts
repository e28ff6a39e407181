// The suggestion engine for one job: the engine (src/engine/engine.ts) with the same settings and
// grading as the run, plus an in-memory cache shared by everything here: the action's own look at
// which tests fail and the engine's "before" run then cost the model calls once — judge calls too.
import type { SuggestEngineOptions } from '../../suggest/index.js';
import { meteredGrading } from '../../suggest/file-runner.js';
import { createEngine } from '../../engine/engine.js';
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
  const engine = createEngine(settings, {
    cwd: settings.workspace,
    redact,
    version: VERSION,
    warn: (message) => warn(redact(message)),
    wrapCache: createMemoryCache,
  });
  const grading = new JobGrading(settings);
  const planFor = (suite: Suite) => engine.plan([suite], { withRepeat: false });
  const gradingFor = (suite: Suite): Promise<GradingResult> => grading.setupFor(planFor(suite).cases, () => engine.gradingEnvironment());

  // The `model` input says which model this endpoint should answer with; without editor-model, the
  // editor prompt's own model (an OpenAI one) would be asked of an endpoint that may not serve it.
  const editorModel = suggest.editorModel ?? settings.modelOverride;
  const options = engine.suggestOptions(editorModel ? { editorModel } : {});
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
      const prepared = await grading.setupFor(plan.cases, () => engine.gradingEnvironment());
      if (!prepared.ok) return { problems: plan.problems, cannotGrade: redact(prepared.reason) };
      const report = await engine.run(plan.cases, {
        provider: allowance.wrap(engine.provider),
        // Judge calls spend from the same allowance as the calls under test.
        ...(prepared.setup ? { grading: meteredGrading(prepared.setup, (judge) => allowance.wrap(judge)) } : {}),
      });
      return { report: redactDeep(report, redact), problems: plan.problems };
    },
  };
}
