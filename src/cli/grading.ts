// The CLI's judge and embeddings, set up only when the cases to run have graded assertions; a
// judge that cannot be used (no key for its endpoint, a broken judge prompt) stops the command
// before anything is sent.
import { gradingNeeds, needsAnyGrading } from '../grade/needs.js';
import type { GradingSetup } from '../grade/grader.js';
import type { Engine } from '../engine/engine.js';
import { prepareGrading } from '../engine/grading-setup.js';
import type { Case } from '../types.js';
import { UsageError } from './usage-error.js';

export async function gradingForCases(cases: readonly Case[], engine: Engine): Promise<GradingSetup | undefined> {
  const needs = gradingNeeds(cases);
  if (!needsAnyGrading(needs)) return undefined;
  const prepared = await prepareGrading(engine.settings.grading, needs, engine.gradingEnvironment());
  if (!prepared.ok) throw new UsageError(`${prepared.reason}. Nothing was sent to the model.`);
  return prepared.setup;
}
