// The judges' prompts: promptgate prompt files in prompts/promptgate/judges/, each with its own
// tests, read on first use and kept for the run. The rubric judge can be replaced by the user's.
import { bundledPromptCandidates } from '../suite/bundled-prompt.js';
import { loadInternalPrompt, type LoadedInternalPrompt } from '../suite/internal-prompt.js';
import type { GitHubEvaluatorName } from '../assert/graded-kinds.js';
import type { GradingNeeds } from './needs.js';

export const RUBRIC_VARS = ['rubric', 'output', 'input'] as const;
export const GITHUB_EVALUATOR_VARS = ['input', 'output', 'expected'] as const;

export class JudgePrompts {
  private readonly loaded = new Map<string, Promise<LoadedInternalPrompt>>();

  /**
   * @param rubricPath a replacement for the bundled rubric judge (from the config file)
   * @param moduleUrl where this code runs from, to find the bundled files
   */
  constructor(
    private readonly rubricPath?: string,
    private readonly moduleUrl: string = import.meta.url,
  ) {}

  rubric(): Promise<LoadedInternalPrompt> {
    return this.once('llm-rubric', () =>
      loadInternalPrompt(
        { what: 'the llm-rubric judge prompt', filler: 'llm-rubric', vars: RUBRIC_VARS, required: ['rubric', 'output'] },
        this.rubricPath,
        bundledPromptCandidates('prompts/promptgate/judges/llm-rubric.prompt.yaml', this.moduleUrl),
      ),
    );
  }

  github(name: GitHubEvaluatorName): Promise<LoadedInternalPrompt> {
    return this.once(`github/${name}`, () =>
      loadInternalPrompt(
        { what: `the github/${name} judge prompt`, filler: `github/${name}`, vars: GITHUB_EVALUATOR_VARS, required: ['output'] },
        undefined,
        bundledPromptCandidates(`prompts/promptgate/judges/github-${name}.prompt.yaml`, this.moduleUrl),
      ),
    );
  }

  /** Loads what a run needs up front, so a broken judge prompt stops the run before any call. */
  async preload(needs: GradingNeeds): Promise<{ ok: true } | { ok: false; reason: string }> {
    const loads = [...(needs.rubric ? [this.rubric()] : []), ...[...needs.github].map((name) => this.github(name))];
    for (const loaded of await Promise.all(loads)) if (!loaded.ok) return loaded;
    return { ok: true };
  }

  private once(key: string, load: () => Promise<LoadedInternalPrompt>): Promise<LoadedInternalPrompt> {
    let loading = this.loaded.get(key);
    if (!loading) {
      loading = load();
      this.loaded.set(key, loading);
    }
    return loading;
  }
}
