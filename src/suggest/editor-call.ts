// The one editor call: the editor prompt rendered with this step's context, sent through the same
// runner as any case (timeouts, retries, rate limits). Not cached: asking again should give fresh
// candidates, and a garbage answer must not be replayed forever.
import type { ChatProvider } from '../run/provider.js';
import type { Redactor } from '../redact.js';
import { runCases } from '../run/runner.js';
import { expandSuite } from '../suite/expand.js';
import type { ModelParameters, Suite, TestDefinition } from '../types.js';
import { readEditorAnswer, suggestionsResponseSchema, type ProposedCandidate } from './editor-answer.js';
import type { EditorVars } from './editor-prompt.js';

export interface EditorCallOptions {
  provider: ChatProvider;
  model: string;
  timeoutMs: number;
  maxRetryTimeMs: number;
  signal: AbortSignal;
  redact?: Redactor;
}

export type EditorResult =
  | { ok: true; candidates: ProposedCandidate[] }
  | { ok: false; reason: string; cause: 'provider' | 'editor' };

export async function askEditor(editor: Suite, vars: EditorVars, options: EditorCallOptions): Promise<EditorResult> {
  const request: TestDefinition = { index: 0, name: 'suggest edits', vars, assert: [], repeat: 1, minPassRate: 1 };
  const [editorCase] = expandSuite({ ...editor, modelParameters: withAnswerFormat(editor.modelParameters), tests: [request] }, { model: options.model });
  const { outcomes } = await runCases([editorCase!], {
    provider: options.provider,
    concurrency: 1,
    timeoutMs: options.timeoutMs,
    maxRetryTimeMs: options.maxRetryTimeMs,
    signal: options.signal,
    ...(options.redact ? { redact: options.redact } : {}),
  });
  const outcome = outcomes[0];
  if (!outcome?.ok) return { ok: false, cause: 'provider', reason: `the editor call failed: ${outcome?.failure.message ?? 'no answer'}` };
  const answer = readEditorAnswer(outcome.completion.output);
  return answer.ok ? answer : { ok: false, cause: 'editor', reason: answer.reason };
}

/** An editor prompt that names no answer format still gets the schema, so the model is told the shape. */
function withAnswerFormat(parameters: ModelParameters): ModelParameters {
  if (parameters.responseFormat) return parameters;
  return {
    ...parameters,
    responseFormat: { type: 'json_schema', json_schema: { name: 'suggested_edits', schema: suggestionsResponseSchema(), strict: false } },
  };
}
