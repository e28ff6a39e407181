// The CLI's judge and embeddings, set up only when the cases to run have graded assertions; a
// judge that cannot be used (no key for its endpoint, a broken judge prompt) stops the command
// before anything is sent.
import { gradingNeeds, needsAnyGrading } from '../grade/needs.js';
import type { GradingSetup } from '../grade/grader.js';
import { createDiskEmbeddingCache, type CompletionCache } from '../run/cache.js';
import { gradingEnvironment } from '../engine/assemble.js';
import { prepareGrading } from '../engine/grading-setup.js';
import type { ChatProvider } from '../run/provider.js';
import type { Case } from '../types.js';
import type { RunSettings } from './settings.js';
import { UsageError } from './usage-error.js';

export interface CliGradingContext {
  mainProvider: ChatProvider;
  cwd: string;
  cache?: CompletionCache;
  /** Absolute; embeddings are cached beside the answers. */
  cacheDir?: string;
}

export async function gradingForCases(cases: readonly Case[], settings: RunSettings, context: CliGradingContext): Promise<GradingSetup | undefined> {
  const needs = gradingNeeds(cases);
  if (!needsAnyGrading(needs)) return undefined;
  const prepared = await prepareGrading(
    settings.grading,
    needs,
    gradingEnvironment(settings, {
      mainProvider: context.mainProvider,
      cwd: context.cwd,
      ...(context.cache ? { cache: context.cache } : {}),
      ...(context.cacheDir ? { embeddingCache: createDiskEmbeddingCache(context.cacheDir) } : {}),
    }),
  );
  if (!prepared.ok) throw new UsageError(`${prepared.reason}. Nothing was sent to the model.`);
  return prepared.setup;
}
