// Grading for one job's runs: the judge and embeddings are set up once, for everything the job has
// planned, so the head and the base runs share one setup (and the judge prompts it has read), and a
// judge that cannot be used stops the job before its first model call rather than after the head
// run. A run that grades nothing never looks at the judge's settings at all.
import type { GradingSetup } from '../grade/grader.js';
import { gradingNeeds, needsAnyGrading, type GradingNeeds } from '../grade/needs.js';
import { prepareGrading, type GradingEnvironment } from '../engine/grading-setup.js';
import type { Case } from '../types.js';
import { InputError } from './input-error.js';
import type { ActionSettings } from './run-settings.js';

export type GradingResult = { ok: true; setup?: GradingSetup } | { ok: false; reason: string };

export class JobGrading {
  private readonly planned: Case[][] = [];
  private prepared?: { needs: GradingNeeds; setup: GradingSetup };

  constructor(private readonly settings: ActionSettings) {}

  /** Cases that will run later in this job: the first setup covers them too. */
  announce(cases: Case[]): void {
    this.planned.push(cases);
  }

  /**
   * The setup for `cases`; `setup` is absent when nothing in them is graded. The first call prepares
   * for everything announced so far, so it fails for a judge that only a later run needs.
   */
  async setupFor(cases: Case[], environment: () => GradingEnvironment): Promise<GradingResult> {
    const needs = gradingNeeds(cases);
    if (!this.prepared || !covers(this.prepared.needs, needs)) {
      // With a setup in place, only cases that were never announced get here (none in the Action's own flows).
      const all = gradingNeeds([...this.planned.flat(), ...cases]);
      if (needsAnyGrading(all)) {
        const prepared = await prepareGrading(this.settings.grading, all, environment());
        if (!prepared.ok) return prepared;
        this.prepared = { needs: all, setup: prepared.setup };
      }
    }
    return needsAnyGrading(needs) && this.prepared ? { ok: true, setup: this.prepared.setup } : { ok: true };
  }
}

/** The message for a job that cannot grade what it must: bad input, so the step fails without a stack. */
export function gradingInputError(reason: string, nothingSent: boolean): InputError {
  return new InputError(
    `the model-graded assertions (llm-rubric, similar, GitHub Models evaluators) cannot be checked: ${reason}. ` +
      'The judge is set by the judge-model, judge-base-url and judge-api-key inputs and by the judge and embeddings sections of promptgate.config.yaml' +
      (nothingSent ? '; nothing was sent to the model.' : '.'),
  );
}

function covers(prepared: GradingNeeds, wanted: GradingNeeds): boolean {
  return (
    (!wanted.judge || prepared.judge) &&
    (!wanted.embeddings || prepared.embeddings) &&
    (!wanted.rubric || prepared.rubric) &&
    [...wanted.github].every((name) => prepared.github.has(name))
  );
}
