// One call of the suggestion engine for one file, with the action's settings and its redaction:
// nothing the model or the endpoint said reaches a comment with a secret in it.
import { suggestEdit, type SuggestOutcome } from '../../suggest/index.js';
import type { Suite } from '../../types.js';
import { redactDeep } from '../../redact.js';
import type { CommentContext } from './context.js';
import type { SuggestEngine } from './suggest-engine.js';

export interface FileRequest {
  path: string;
  text: string;
  /** `text`, loaded: its graded assertions decide what grading the runs need. */
  suite: Suite;
  critique: string;
  targetTests?: string[];
  focusLines?: { start: number; end: number };
  /** Model calls this request may still make. */
  maxModelCalls: number;
}

export async function suggestForFile(ctx: CommentContext, engine: SuggestEngine, request: FileRequest): Promise<SuggestOutcome> {
  const prepared = await engine.optionsFor(request.suite);
  if (!prepared.ok) {
    const reason = `the judge for the file's model-graded assertions cannot be used: ${prepared.reason}`;
    return redactDeep({ kind: 'failed', cause: 'invalid-input', reason, spent: { modelCalls: 0, ms: 0, tokens: 0 } }, ctx.redact);
  }
  ctx.log.info(`promptgate: suggesting an edit to ${request.path} (up to ${request.maxModelCalls} model calls)`);
  const outcome = await suggestEdit(
    {
      file: request.path,
      text: request.text,
      critique: request.critique,
      ...(request.targetTests ? { targetTests: request.targetTests } : {}),
      ...(request.focusLines ? { focusLines: request.focusLines } : {}),
      candidates: ctx.suggest.candidates,
      budget: { maxModelCalls: request.maxModelCalls },
    },
    { ...prepared.options, onProgress: (message) => ctx.log.info(`promptgate: ${ctx.redact(message)}`) },
  );
  const spent = outcome.spent;
  ctx.log.info(`promptgate: ${request.path}: ${outcome.kind} (${spent.modelCalls} model calls, ${spent.ms} ms)`);
  return redactDeep(outcome, ctx.redact);
}
