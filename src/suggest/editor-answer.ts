// Reads the editor's answer. It is a model's text, so nothing is assumed: it must parse as JSON and
// match schema/suggestions.schema.json, and anything else is a reason, never an exception.
import suggestionsSchema from '../../schema/suggestions.schema.json' with { type: 'json' };
import { compileSchema, describeSchemaError } from '../assert/schema-validators.js';
import type { Edit } from './types.js';

export interface ProposedCandidate {
  edits: Edit[];
  rationale: string;
  /** Unchecked: judged later like any assertion a user writes. */
  assertion?: Record<string, unknown>;
}

export type EditorAnswer = { ok: true; candidates: ProposedCandidate[] } | { ok: false; reason: string };

/** The schema as sent in `response_format`: the `$schema`/`$id` bookkeeping is for editors, not for the model. */
export function suggestionsResponseSchema(): Record<string, unknown> {
  const { $schema: _schema, $id: _id, ...schema } = suggestionsSchema as Record<string, unknown>;
  return schema;
}

const MAX_LISTED_ERRORS = 3;
const QUOTED_CHARS = 200;

export function readEditorAnswer(output: string): EditorAnswer {
  const text = withoutFence(output.trim());
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ');
    return { ok: false, reason: `the editor's answer is not JSON (${message}); it began ${JSON.stringify(text.slice(0, QUOTED_CHARS))}` };
  }
  const compiled = compileSchema(suggestionsSchema as Record<string, unknown>);
  if (!compiled.ok) return { ok: false, reason: `schema/suggestions.schema.json does not compile: ${compiled.message}` };
  const validate = compiled.value;
  if (!validate(data)) {
    const errors = validate.errors ?? [];
    const listed = errors.slice(0, MAX_LISTED_ERRORS).map(describeSchemaError).join('; ');
    const more = errors.length > MAX_LISTED_ERRORS ? `; and ${errors.length - MAX_LISTED_ERRORS} more` : '';
    return { ok: false, reason: `the editor's answer does not match schema/suggestions.schema.json: ${listed}${more}` };
  }
  // The schema has vouched for the shape; only what is used is copied out.
  const answer = data as { candidates: { edits: Edit[]; rationale: string; assertion?: Record<string, unknown> | null }[] };
  const candidates = answer.candidates.map((candidate) => {
    const proposed: ProposedCandidate = {
      edits: candidate.edits.map((edit) => ({ find: edit.find, replace: edit.replace })),
      rationale: candidate.rationale,
    };
    if (candidate.assertion) proposed.assertion = candidate.assertion;
    return proposed;
  });
  return { ok: true, candidates };
}

/** Models without structured output often wrap JSON in a ```json fence; that alone is not worth a failure. */
function withoutFence(text: string): string {
  const match = /^```[\w-]*[ \t]*\r?\n([\s\S]*?)\r?\n[ \t]*```$/.exec(text);
  return match ? match[1]! : text;
}
