// promptfoo assertions → promptgate assertions. The type list is promptfoo's config schema
// (BaseAssertionTypesSchema in promptfoo's src/types/index.ts): a type on it that promptgate lacks is
// dropped with the reason; a type not on it is not a promptfoo config, and the import is refused.
import type { DraftAssertion } from './draft.js';
import { CODE_EXTENSIONS, type ImportContext, isFileRef, parseDataFile, readRef, resolveRef } from './references.js';
import { Refusal, type SourcePlace } from './types.js';

const PROMPTFOO_TYPES = new Set([
  'answer-relevance', 'bleu', 'classifier', 'contains', 'contains-all', 'contains-any', 'contains-html',
  'contains-json', 'contains-sql', 'contains-xml', 'context-faithfulness', 'context-recall', 'context-relevance',
  'conversation-relevance', 'cost', 'equals', 'factuality', 'finish-reason', 'g-eval', 'gleu', 'guardrails',
  'icontains', 'icontains-all', 'icontains-any', 'is-html', 'is-json', 'is-refusal', 'is-sql',
  'is-valid-function-call', 'is-valid-openai-function-call', 'is-valid-openai-tools-call', 'is-xml', 'javascript',
  'latency', 'levenshtein', 'llm-rubric', 'pi', 'meteor', 'model-graded-closedqa', 'model-graded-factuality',
  'moderation', 'perplexity', 'perplexity-score', 'python', 'regex', 'rouge-n', 'ruby', 'similar', 'similar:cosine',
  'similar:dot', 'similar:euclidean', 'starts-with', 'tool-call-f1', 'trace-error-spans', 'trace-span-count',
  'trace-span-duration', 'webhook', 'word-count', 'human', 'select-best', 'max-score', 'assert-set', 'rouge-l', 'rouge-s',
]);

/** Types promptgate has with promptfoo's meaning, under the same name. */
const SAME = new Set([
  'equals', 'contains', 'icontains', 'contains-any', 'contains-all', 'icontains-any', 'icontains-all', 'starts-with',
  'regex', 'is-json', 'llm-rubric',
]);
const LISTS = new Set(['contains-any', 'contains-all', 'icontains-any', 'icontains-all']);

/** promptfoo's default for `similar` (promptgate's own default depends on the embeddings source). */
const PROMPTFOO_SIMILAR_THRESHOLD = 0.75;

export type Converted = { assertion: DraftAssertion } | { dropped: string };

/**
 * One promptfoo assertion. Notes are the caller's to log (once per source place, not per file
 * written), so this returns what happened rather than logging it.
 */
export async function convertAssertion(
  context: ImportContext,
  raw: unknown,
  place: SourcePlace,
): Promise<{ result: Converted; how?: string; what: string }> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Refusal(place.file, place.line, 'an assertion must be a mapping with a `type` (promptfoo config schema: AssertionSchema)');
  }
  const fields = raw as Record<string, unknown>;
  if (typeof fields.type !== 'string') throw new Refusal(place.file, place.line, 'this assertion has no `type`');
  const type = fields.type;
  const what = `assertion ${type}`;
  if (type.startsWith('promptfoo:redteam:')) return { what, result: { dropped: 'red-team graders have no promptgate equivalent' } };
  const negate = type.startsWith('not-');
  const base = negate ? type.slice(4) : type;
  if (!PROMPTFOO_TYPES.has(base)) {
    throw new Refusal(place.file, place.line, `unknown assertion type "${type}": not one of promptfoo's assertion types`);
  }
  if (fields.transform !== undefined) {
    return { what, result: { dropped: 'it checks a transformed output (`transform`), which promptgate does not run' } };
  }
  let value = fields.value;
  if (isFileRef(value)) {
    const { extension } = resolveRef(value, place.file);
    if (CODE_EXTENSIONS.has(extension)) return { what, result: { dropped: `its value is code (${value})` } };
    const file = await readRef(context, value, place);
    value = base === 'is-json' ? parseDataFile(file.path, file.text, file.extension) : file.text;
  }
  const threshold = typeof fields.threshold === 'number' ? fields.threshold : undefined;
  const name = typeof fields.metric === 'string' ? fields.metric : undefined;
  const extras: string[] = [];
  if (fields.weight !== undefined && fields.weight !== 1) extras.push(`weight ${String(fields.weight)} ignored (every assertion must pass)`);
  if (fields.provider !== undefined || fields.rubricPrompt !== undefined) {
    extras.push('graded by promptgate\'s judge (its own `provider`/`rubricPrompt` not carried: choose the judge with --judge-model)');
  }
  const finish = (assertion: DraftAssertion, how?: string) => {
    const all = [how, ...extras].filter((part): part is string => part !== undefined);
    const withName = name === undefined ? assertion : { ...assertion, name };
    return { what, result: { assertion: all.length > 0 ? { ...withName, comment: all.join('; ') } : withName }, how: all.length > 0 ? all.join('; ') : undefined };
  };
  const prefix = negate ? 'not-' : '';

  if (base === 'is-json' && value !== undefined && value !== null && value !== true) {
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return { what, result: { dropped: 'its schema is neither JSON nor a file' } };
      }
    }
    return finish({ type: `${prefix}json-schema`, value });
  }
  if (base === 'is-json') return finish({ type: `${prefix}is-json` });
  if (base === 'llm-rubric' && negate) return { what, result: { dropped: 'promptgate cannot negate llm-rubric: reword the rubric' } };
  if (LISTS.has(base)) return finish({ type: type, value: toList(value) });
  if (base === 'regex') return finish({ type, value: literalRegex(String(value)) });
  if (base === 'equals') {
    return finish({ type, value: typeof value === 'string' ? value : JSON.stringify(value) }, typeof value === 'string' ? undefined : 'compared with the value as JSON text');
  }
  if (SAME.has(base)) {
    if (typeof value !== 'string' && base !== 'llm-rubric') value = String(value);
    return finish({ type, value, ...(threshold === undefined ? {} : { threshold }) });
  }
  if (base === 'similar' || base === 'similar:cosine') {
    return finish({ type: `${prefix}similar`, value, threshold: threshold ?? PROMPTFOO_SIMILAR_THRESHOLD });
  }
  if (base === 'cost' || base === 'latency') {
    const limit = threshold ?? (typeof value === 'number' ? value : undefined);
    if (limit === undefined) return { what, result: { dropped: `${base} needs a numeric threshold` } };
    return finish({ type: `${prefix}${base}`, value: limit });
  }
  if (base === 'factuality' || base === 'model-graded-factuality') {
    if (negate) return { what, result: { dropped: 'promptgate cannot negate llm-rubric' } };
    return finish(
      { type: 'llm-rubric', value: `Is factually consistent with this reference answer (it may add detail, but must not contradict it): ${String(value)}` },
      'approximated as llm-rubric: promptgate\'s judge decides consistency with the reference, not promptfoo\'s five-way factuality categories',
    );
  }
  if (base === 'model-graded-closedqa') {
    if (negate) return { what, result: { dropped: 'promptgate cannot negate llm-rubric' } };
    return finish({ type: 'llm-rubric', value: String(value) }, 'approximated as llm-rubric: promptgate\'s judge asks whether the output meets the criterion, where promptfoo\'s closed-QA prompt asks for Y/N');
  }
  return { what, result: { dropped: dropReason(base) } };
}

function dropReason(base: string): string {
  if (base === 'javascript' || base === 'python' || base === 'ruby') return `it runs ${base} code, which promptgate does not`;
  if (base === 'webhook') return 'it calls a webhook, which promptgate does not';
  if (base.startsWith('similar:')) return `promptgate's similar is cosine only (${base})`;
  return `promptgate has no ${base} assertion`;
}

/** promptfoo splits a string value of the *-any / *-all types on commas, honouring double quotes. */
function toList(value: unknown): unknown {
  if (typeof value !== 'string') return Array.isArray(value) ? value.map((item) => String(item)) : value;
  return (value.match(/("[^"]*"|[^,]+)(?=\s*,|\s*$)/g) ?? []).map((item) => item.trim().replace(/^"|"$/g, ''));
}

/**
 * promptfoo compiles a regex value with `new RegExp(value)`, no flags; promptgate reads a value that
 * starts and ends with `/` as `/pattern/flags`, so such a value gets its leading slash escaped.
 */
function literalRegex(pattern: string): string {
  return /^\/.*\/[a-z]*$/s.test(pattern) ? `\\${pattern}` : pattern;
}

/**
 * promptfoo's short assertion strings (CSV `__expected` columns), after its assertionFromString:
 * `grade:`/`llm-rubric:` → llm-rubric, `fn:`/`eval:`/`javascript:`/`python:` → code,
 * `type(threshold):value` for its types, anything else → equals.
 */
export function assertionFromString(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  for (const [prefix, type] of [['grade:', 'llm-rubric'], ['llm-rubric:', 'llm-rubric'], ['fn:', 'javascript'], ['eval:', 'javascript'], ['javascript:', 'javascript'], ['python:', 'python']] as const) {
    if (trimmed.startsWith(prefix)) return { type, value: trimmed.slice(prefix.length).trim() };
  }
  if (trimmed.startsWith('file://')) {
    const extension = resolveRef(trimmed, '/').extension;
    return { type: extension === '.py' ? 'python' : 'javascript', value: trimmed };
  }
  const match = /^(not-)?([a-z][a-z:-]*)(?:\((\d+(?:\.\d+)?)\))?(?::([\s\S]*))?$/.exec(trimmed);
  if (match && PROMPTFOO_TYPES.has(match[2]!)) {
    const assertion: Record<string, unknown> = { type: `${match[1] ?? ''}${match[2]}` };
    if (match[4] !== undefined) assertion.value = match[4].trim();
    if (match[3] !== undefined) assertion.threshold = Number(match[3]);
    return assertion;
  }
  return { type: 'equals', value: text };
}
