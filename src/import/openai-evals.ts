// OpenAI Evals API definitions saved from the API → prompt files: the eval object (its
// `testing_criteria`) and its runs (`data_source` items, `input_messages` template, `model`,
// `sampling_params`), as created (EvalCreateParams, RunCreateParams) or as retrieved (`object:
// "eval"`, `object: "eval.run"`). Field names are the openai SDK's: resources/evals/evals.d.ts,
// resources/evals/runs/runs.d.ts (CreateEvalCompletionsRunDataSource, CreateEvalJSONLRunDataSource)
// and resources/graders/grader-models.d.ts (StringCheckGrader, TextSimilarityGrader,
// LabelModelGrader, ScoreModelGrader). One file per run that calls a model.
import { basename } from 'node:path';
import type { DraftAssertion, DraftMessage, DraftSuite, DraftTest } from './draft.js';
import { readJsonl } from './jsonl.js';
import { slug } from './promptfoo.js';
import type { ImportContext } from './references.js';
import type { SourceYaml } from './source-yaml.js';
import { Refusal, type SourcePlace } from './types.js';

type Fields = Record<string, unknown>;
type Path = (string | number)[];

export function looksLikeOpenAiEvals(data: unknown): boolean {
  return entries(data).some(({ value }) => isEval(value) || isRun(value));
}

const isEval = (value: Fields) => value.object === 'eval' || ('testing_criteria' in value && 'data_source_config' in value);
const isRun = (value: Fields) => value.object === 'eval.run' || (Boolean(value.data_source) && typeof (value.data_source as Fields).type === 'string');

/** The file holds one object, a list of them, or the API's list page (`{object: "list", data: [...]}`). */
function entries(data: unknown): { value: Fields; path: Path }[] {
  const object = (value: unknown): value is Fields => Boolean(value) && typeof value === 'object' && !Array.isArray(value);
  if (Array.isArray(data)) return data.flatMap((value, index) => (object(value) ? [{ value, path: [index] }] : []));
  if (object(data) && data.object === 'list' && Array.isArray(data.data)) return data.data.flatMap((value, index) => (object(value) ? [{ value, path: ['data', index] }] : []));
  return object(data) ? [{ value: data, path: [] }] : [];
}

export interface OpenAiEvalsOptions {
  /** Local JSONL for datasets referenced by `file_id`: id → absolute path. */
  data: Record<string, string>;
}

export async function importOpenAiEvals(context: ImportContext, sources: SourceYaml[], options: OpenAiEvalsOptions): Promise<DraftSuite[]> {
  const evals: { value: Fields; path: Path; source: SourceYaml }[] = [];
  const runs: { value: Fields; path: Path; source: SourceYaml }[] = [];
  for (const source of sources) {
    for (const entry of entries(source.data)) {
      if (isEval(entry.value)) evals.push({ ...entry, source });
      else if (isRun(entry.value)) runs.push({ ...entry, source });
      else throw new Refusal(source.file, source.lineOf(entry.path), 'neither an OpenAI eval (`object: eval`, `testing_criteria`) nor a run (`object: eval.run`, `data_source`)');
    }
  }
  const first = sources[0]!;
  if (evals.length !== 1) throw new Refusal(first.file, 1, evals.length === 0 ? 'no eval object here: the graders are in the eval (`testing_criteria`); name its file, and the runs with --run' : 'more than one eval: import one eval (with its runs) at a time');
  const evalEntry = evals[0]!;
  const at = (path: Path): SourcePlace => ({ file: evalEntry.source.file, line: evalEntry.source.lineOf([...evalEntry.path, ...path]) });
  const evalName = typeof evalEntry.value.name === 'string' ? evalEntry.value.name : 'openai-eval';

  const config = (evalEntry.value.data_source_config ?? {}) as Fields;
  if (config.type === 'stored_completions' || config.type === 'logs') {
    context.log.dropped(at(['data_source_config']), `data_source_config ${config.type}`, 'its items are stored completions or logs kept by OpenAI, which promptgate cannot read: export them to JSONL and describe the eval with a custom data source');
  }
  const criteria = Array.isArray(evalEntry.value.testing_criteria) ? evalEntry.value.testing_criteria : [];
  const assertions: DraftAssertion[] = [];
  criteria.forEach((grader, index) => {
    const place = at(['testing_criteria', index]);
    const converted = convertGrader(grader, place);
    const what = `grader ${(grader as Fields).name ?? index + 1} (${String((grader as Fields).type)})`;
    if ('dropped' in converted) context.log.dropped(place, what, converted.dropped);
    else {
      if (converted.how) context.log.approximated(place, what, converted.how);
      else context.log.converted(place, what, `→ ${converted.assertion.type}`);
      assertions.push(converted.how ? { ...converted.assertion, comment: converted.how } : converted.assertion);
    }
  });
  if (runs.length === 0) throw new Refusal(evalEntry.source.file, 1, 'no run here: the prompt, the model and the items are in a run (`object: eval.run`); name its file with --run');

  const drafts: DraftSuite[] = [];
  const taken = new Set<string>();
  for (const run of runs) {
    const place = { file: run.source.file, line: run.source.lineOf(run.path) };
    const runAt = (path: Path): SourcePlace => ({ file: run.source.file, line: run.source.lineOf([...run.path, ...path]) });
    const dataSource = (run.value.data_source ?? {}) as Fields;
    const runName = typeof run.value.name === 'string' ? run.value.name : typeof dataSource.model === 'string' ? dataSource.model : `run ${drafts.length + 1}`;
    const what = `run ${runName}`;
    if (dataSource.type === 'jsonl') {
      context.log.dropped(place, what, 'a jsonl run grades answers already in its data (`sample`); promptgate grades the answers it asks a model for');
      continue;
    }
    if (dataSource.type !== 'completions') {
      context.log.dropped(place, what, `a ${String(dataSource.type)} run is not converted: promptgate imports completions runs`);
      continue;
    }
    const items = await readItems(context, run.source, [...run.path, 'data_source', 'source'], dataSource.source as Fields | undefined, options);
    if ('dropped' in items) {
      context.log.dropped(runAt(['data_source', 'source']), what, items.dropped);
      continue;
    }
    const messages = templateMessages(dataSource.input_messages as Fields | undefined);
    if ('dropped' in messages) {
      context.log.dropped(runAt(['data_source', 'input_messages']), what, messages.dropped);
      continue;
    }
    const parameters = samplingParameters(context, runAt(['data_source', 'sampling_params']), (dataSource.sampling_params ?? {}) as Fields);
    const tests: DraftTest[] = items.items.map((item, index) => ({ name: item.name ?? `item ${index + 1}`, vars: item.vars, assert: [] }));
    for (const item of items.items) context.log.converted(item.place, `test ${item.name ?? ''}`.trim());
    let stem = slug(`${evalName}-${runName}`) || 'openai-eval';
    let fileName = `${stem}.prompt.yaml`;
    for (let n = 2; taken.has(fileName); n += 1) fileName = `${stem}-${n}.prompt.yaml`;
    taken.add(fileName);
    drafts.push({
      fileName,
      name: `${evalName} · ${runName}`,
      ...(typeof dataSource.model === 'string' ? { model: dataSource.model } : {}),
      modelParameters: parameters,
      messages: messages.messages,
      assert: assertions,
      tests,
      header: [
        `Imported from the OpenAI eval ${evalName} (${basename(evalEntry.source.file)}) and its run ${runName} (${basename(run.source.file)}) by \`promptgate import\`.`,
        'Comments below mark what was approximated; the import report lists what was dropped.',
      ],
    });
  }
  return drafts;
}

/** `{{item.x}}` → `{{x}}` (the test's vars are the item); `{{sample.output_text}}` is the answer under test. */
function fromItem(text: string): string {
  return text.replace(/\{\{\s*item\.([^}\s]+)\s*\}\}/g, '{{$1}}');
}
const ANSWER = /^\s*\{\{\s*sample\.output_text\s*\}\}\s*$/;

type Grader = { assertion: DraftAssertion; how?: string } | { dropped: string };

function convertGrader(raw: unknown, place: SourcePlace): Grader {
  if (!raw || typeof raw !== 'object') throw new Refusal(place.file, place.line, 'a grader must be an object with a `type`');
  const grader = raw as Fields;
  const name = typeof grader.name === 'string' ? grader.name : undefined;
  const named = (assertion: DraftAssertion): DraftAssertion => (name === undefined ? assertion : { ...assertion, name });
  switch (grader.type) {
    case 'string_check': {
      const operations: Record<string, string> = { eq: 'equals', ne: 'not-equals', like: 'contains', ilike: 'icontains' };
      const type = operations[String(grader.operation)];
      if (!type) throw new Refusal(place.file, place.line, `string_check operation "${String(grader.operation)}" is not one of eq, ne, like, ilike`);
      const input = String(grader.input ?? '');
      const reference = String(grader.reference ?? '');
      if (ANSWER.test(input)) return { assertion: named({ type, value: fromItem(reference) }) };
      if (ANSWER.test(reference) && (type === 'equals' || type === 'not-equals')) return { assertion: named({ type, value: fromItem(input) }) };
      return { dropped: 'it compares texts other than the answer ({{sample.output_text}}), which promptgate does not check' };
    }
    case 'text_similarity': {
      if (grader.evaluation_metric !== 'cosine') {
        return { dropped: `promptgate's similar is cosine only; ${String(grader.evaluation_metric)} is not converted` };
      }
      if (!ANSWER.test(String(grader.input ?? ''))) return { dropped: 'it compares a text other than the answer ({{sample.output_text}})' };
      return { assertion: named({ type: 'similar', value: fromItem(String(grader.reference ?? '')), threshold: Number(grader.pass_threshold) }), how: "cosine similarity of promptgate's embeddings model (--embeddings-model), not OpenAI's grader's" };
    }
    case 'label_model': {
      const labels = (grader.passing_labels ?? []) as unknown[];
      const rubric = `${graderPrompt(grader.input)}\n\nPass only if the label for the answer is one of: ${labels.map(String).join(', ')} (labels: ${((grader.labels ?? []) as unknown[]).map(String).join(', ')}).`;
      return { assertion: named({ type: 'llm-rubric', value: rubric }), how: `graded by promptgate's judge (--judge-model) with this grader's prompt, not by ${String(grader.model)} choosing a label` };
    }
    case 'score_model': {
      const [low, high] = Array.isArray(grader.range) && grader.range.length === 2 ? (grader.range as number[]) : [0, 1];
      const pass = typeof grader.pass_threshold === 'number' ? grader.pass_threshold : undefined;
      const rubric = `${graderPrompt(grader.input)}\n\nScore the answer from ${low} to ${high}.`;
      const threshold = pass === undefined ? undefined : Math.min(1, Math.max(0, (pass - low!) / (high! - low! || 1)));
      return {
        assertion: named({ type: 'llm-rubric', value: rubric, ...(threshold === undefined ? {} : { threshold: round(threshold) }) }),
        how: `graded by promptgate's judge (--judge-model), its 0–1 score against ${threshold === undefined ? 'its own pass verdict' : `${round(threshold)} (pass_threshold ${pass} on ${low}–${high})`}, not by ${String(grader.model)}`,
      };
    }
    case 'python':
      return { dropped: 'it runs Python, which promptgate does not' };
    default:
      throw new Refusal(place.file, place.line, `unknown grader type "${String(grader.type)}": not one of string_check, text_similarity, label_model, score_model, python`);
  }
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** A model grader's messages as one rubric text; the answer and the item's fields named in it. */
function graderPrompt(input: unknown): string {
  const messages = Array.isArray(input) ? input : [];
  return messages
    .map((message) => textOf((message as Fields).content) ?? '')
    .filter((text) => text !== '')
    .map((text) => fromItem(text).replace(/\{\{\s*sample\.output_text\s*\}\}/g, '(the answer)'))
    .join('\n\n');
}

function textOf(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content && typeof content === 'object' && typeof (content as Fields).text === 'string') return (content as Fields).text as string;
  if (Array.isArray(content) && content.every((part) => typeof (part as Fields)?.text === 'string')) return content.map((part) => (part as Fields).text).join('');
  return undefined;
}

function templateMessages(input: Fields | undefined): { messages: DraftMessage[] } | { dropped: string } {
  if (!input) return { dropped: 'it has no input_messages, so there is nothing to send' };
  if (input.type === 'item_reference') return { dropped: `its messages come from each item (${String(input.item_reference)}); a prompt file has one message template` };
  const template = Array.isArray(input.template) ? input.template : [];
  const messages: DraftMessage[] = [];
  for (const message of template) {
    const { role, content } = (message ?? {}) as Fields;
    const text = textOf(content);
    if (text === undefined) return { dropped: 'a message holds an image or audio, which promptgate does not send' };
    if (role !== 'system' && role !== 'developer' && role !== 'user' && role !== 'assistant') return { dropped: `a message has the role "${String(role)}"` };
    messages.push({ role, content: fromItem(text) });
  }
  if (messages.length === 0) return { dropped: 'its template has no messages' };
  return { messages };
}

function samplingParameters(context: ImportContext, place: SourcePlace, params: Fields): Record<string, unknown> {
  const parameters: Record<string, unknown> = {};
  if (typeof params.temperature === 'number') parameters.temperature = params.temperature;
  const maxTokens = params.max_completion_tokens ?? params.max_tokens;
  if (typeof maxTokens === 'number') parameters.maxTokens = maxTokens;
  if (typeof params.top_p === 'number') parameters.topP = params.top_p;
  if (typeof params.seed === 'number') parameters.seed = params.seed;
  for (const key of Object.keys(params)) {
    if (!['temperature', 'max_completion_tokens', 'max_tokens', 'top_p', 'seed'].includes(key)) context.log.dropped(place, `sampling_params.${key}`, 'promptgate does not send it');
  }
  return parameters;
}

interface Item {
  vars: Record<string, unknown>;
  name?: string;
  place: SourcePlace;
}

async function readItems(context: ImportContext, source: SourceYaml, path: Path, raw: Fields | undefined, options: OpenAiEvalsOptions): Promise<{ items: Item[] } | { dropped: string }> {
  const place = { file: source.file, line: source.lineOf(path) };
  if (!raw) throw new Refusal(place.file, place.line, 'the run\'s data_source has no `source`');
  if (raw.type === 'stored_completions') return { dropped: 'its items are stored completions kept by OpenAI, which promptgate cannot read' };
  if (raw.type === 'file_content') {
    const content = Array.isArray(raw.content) ? raw.content : [];
    return { items: content.map((entry, index) => item((entry as Fields)?.item, { file: source.file, line: source.lineOf([...path, 'content', index]) })) };
  }
  if (raw.type === 'file_id') {
    const id = String(raw.id);
    const local = options.data[id];
    if (local === undefined) throw new Refusal(place.file, place.line, `the items are in the uploaded file ${id}: download it and name it with --data ${id}=FILE.jsonl`);
    const text = await context.files.read(local);
    if (text === undefined) throw new Refusal(local, undefined, `--data ${id}: no such file, or it cannot be read`);
    return { items: readJsonl(local, text, 'an item').map((row) => item('item' in row.data ? row.data.item : row.data, { file: local, line: row.line })) };
  }
  throw new Refusal(place.file, place.line, `unknown source type "${String(raw.type)}": not one of file_content, file_id, stored_completions`);
}

function item(raw: unknown, place: SourcePlace): Item {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Refusal(place.file, place.line, 'an item must be an object (its fields are the test\'s variables)');
  return { vars: raw as Record<string, unknown>, place, name: `${basename(place.file)}:${place.line}` };
}
