// The open-source openai/evals registry (github.com/openai/evals): an eval YAML from
// evals/registry/evals/ (`<name>: {id, metrics}` naming `<name>.<version>: {class, args}`) and its
// JSONL samples (`input`: a chat or a text, `ideal`: an answer or a list of them) → one prompt file
// per eval. The checks are the classes' own (evals/elsuite/basic/match.py, includes.py,
// fuzzy_match.py; evals/api.py record_and_check_match; evals/elsuite/utils.py get_answer,
// fuzzy_match), the prompt shapes evals/prompt/base.py's.
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fits, fuzzyPattern, startsWithAnyPattern } from './any-of.js';
import type { DraftAssertion, DraftMessage, DraftSuite, DraftTest } from './draft.js';
import { readJsonl, type JsonlRow } from './jsonl.js';
import { slug } from './promptfoo.js';
import type { ImportContext } from './references.js';
import { SourceYaml } from './source-yaml.js';
import { Refusal, type SourcePlace } from './types.js';

const MATCH = 'evals.elsuite.basic.match:Match';
const INCLUDES = 'evals.elsuite.basic.includes:Includes';
const FUZZY = 'evals.elsuite.basic.fuzzy_match:FuzzyMatch';
const CLASSIFY = 'evals.elsuite.modelgraded.classify:ModelBasedClassify';

/** args each class reads, beyond samples_jsonl; anything else is reported as not carried. */
const KNOWN_ARGS: Record<string, string[]> = {
  [MATCH]: ['num_few_shot', 'few_shot_jsonl', 'max_tokens'],
  [INCLUDES]: ['ignore_case', 'max_tokens'],
  [FUZZY]: ['max_tokens'],
  [CLASSIFY]: ['eval_type', 'modelgraded_spec', 'modelgraded_spec_args', 'max_tokens'],
};

/** The judge's verdicts that count as a pass, per spec: fact has no scores of its own, so D (a disagreement) is the one failure. */
const FACT_RUBRIC = (ideal: string) =>
  `The answer is factually consistent with this expert answer: it may be a subset or a superset of it, or differ in ways that do not matter for factuality, but it must not disagree with it. Expert answer: ${ideal}`;

export function looksLikeEvalsRegistry(data: unknown): boolean {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return false;
  return Object.values(data).some((entry) => {
    if (!entry || typeof entry !== 'object') return false;
    const fields = entry as Record<string, unknown>;
    return typeof fields.class === 'string' && fields.class.includes(':');
  });
}

interface Spec {
  key: string;
  /** The eval's name: its alias (`<name>: {id}`) when one points at it. */
  name: string;
  description?: string;
  className: string;
  args: Record<string, unknown>;
  place: SourcePlace;
}

export async function importEvalsRegistry(context: ImportContext, source: SourceYaml): Promise<DraftSuite[]> {
  const registry = source.data as Record<string, unknown>;
  const aliases = new Map<string, { name: string; description?: string }>();
  for (const [key, entry] of Object.entries(registry)) {
    const fields = (entry ?? {}) as Record<string, unknown>;
    if (typeof fields.id === 'string') aliases.set(fields.id, { name: key, ...(typeof fields.description === 'string' ? { description: fields.description } : {}) });
  }
  const specs: Spec[] = [];
  for (const [key, entry] of Object.entries(registry)) {
    const fields = (entry ?? {}) as Record<string, unknown>;
    const place = { file: source.file, line: source.lineOf([key]) };
    if (typeof fields.id === 'string') {
      if (!(fields.id in registry)) throw new Refusal(place.file, place.line, `${key} names the eval "${fields.id}", which this file does not define`);
      continue;
    }
    if (typeof fields.class !== 'string') throw new Refusal(place.file, place.line, `${key} is neither an eval (\`id\`) nor an eval spec (\`class\`, \`args\`)`);
    const alias = aliases.get(key);
    specs.push({
      key,
      name: alias?.name ?? key,
      ...(alias?.description ? { description: alias.description } : {}),
      className: fields.class,
      args: (fields.args ?? {}) as Record<string, unknown>,
      place,
    });
  }

  const drafts: DraftSuite[] = [];
  const taken = new Set<string>();
  for (const spec of specs) {
    const kind = specKind(spec);
    if ('dropped' in kind) {
      context.log.dropped(spec.place, `eval ${spec.key}`, kind.dropped);
      continue;
    }
    for (const key of Object.keys(spec.args)) {
      if (key !== 'samples_jsonl' && !KNOWN_ARGS[spec.className]!.includes(key)) {
        context.log.dropped({ file: source.file, line: source.lineOf([spec.key, 'args', key]) }, `eval ${spec.key} args.${key}`, 'promptgate has no counterpart');
      }
    }
    const samples = await readSamples(context, source, spec);
    const fewShot = spec.className === MATCH ? await readFewShot(context, source, spec) : [];
    drafts.push(...convertSpec(context, source, spec, kind, samples, fewShot, taken));
  }
  if (drafts.length === 0 && specs.length === 0) throw new Refusal(source.file, 1, 'this registry file defines no eval spec (`class`, `args`)');
  return drafts;
}

type Kind = { check: 'match' | 'includes' | 'fuzzy' | 'fact' | 'closedqa' } | { dropped: string };

function specKind(spec: Spec): Kind {
  if (spec.className === MATCH) return { check: 'match' };
  if (spec.className === INCLUDES) return { check: 'includes' };
  if (spec.className === FUZZY) return { check: 'fuzzy' };
  if (spec.className === CLASSIFY) {
    const graded = spec.args.modelgraded_spec;
    if (graded === 'fact' || graded === 'closedqa') return { check: graded };
    return { dropped: `model-graded spec "${String(graded)}" is not converted: promptgate imports the fact and closedqa specs` };
  }
  return { dropped: `${spec.className} runs its own Python; promptgate imports Match, Includes, FuzzyMatch and ModelBasedClassify (fact, closedqa)` };
}

/** openai/evals reads samples_jsonl from evals/registry/data/ (the registry's data folder, beside evals/). */
async function readSamples(context: ImportContext, source: SourceYaml, spec: Spec): Promise<{ path: string; rows: JsonlRow[] }> {
  return readData(context, source, spec, 'samples_jsonl', 'a sample');
}

async function readFewShot(context: ImportContext, source: SourceYaml, spec: Spec): Promise<DraftMessage[]> {
  const count = typeof spec.args.num_few_shot === 'number' ? spec.args.num_few_shot : 0;
  if (count <= 0) return [];
  const place = { file: source.file, line: source.lineOf([spec.key, 'args', 'num_few_shot']) };
  if (typeof spec.args.few_shot_jsonl !== 'string') throw new Refusal(place.file, place.line, 'num_few_shot needs few_shot_jsonl (openai/evals asserts it too)');
  const { path, rows } = await readData(context, source, spec, 'few_shot_jsonl', 'a few-shot example');
  return rows.slice(0, count).flatMap((row) => {
    const messages = chat(row.data.sample);
    if (!messages) throw new Refusal(path, row.line, 'a few-shot example needs `sample`, a list of chat messages');
    return messages.messages;
  });
}

async function readData(context: ImportContext, source: SourceYaml, spec: Spec, arg: string, what: string): Promise<{ path: string; rows: JsonlRow[] }> {
  const place = { file: source.file, line: source.lineOf([spec.key, 'args', arg]) };
  const name = spec.args[arg];
  if (typeof name !== 'string') throw new Refusal(place.file, place.line, `eval ${spec.key} needs args.${arg}, the JSONL file of its samples`);
  const candidates = isAbsolute(name) ? [name] : [join(dirname(dirname(source.file)), 'data', name), resolve(dirname(source.file), name)];
  for (const path of candidates) {
    const text = await context.files.read(path);
    if (text !== undefined) return { path, rows: readJsonl(path, text, what) };
  }
  throw new Refusal(place.file, place.line, `${arg} ${name}: not found (looked for ${candidates.join(' and ')}); fetch the registry's data (git lfs pull) or put the file there`);
}

interface Chat {
  messages: DraftMessage[];
  /** Messages that carried a `name` (openai/evals' example_user / example_assistant), which promptgate does not send. */
  named: number;
}

/** evals/prompt/base.py: a text prompt goes to a chat model as one system message. */
function chat(input: unknown): Chat | undefined {
  if (typeof input === 'string') return { messages: [{ role: 'system', content: input }], named: 0 };
  if (!Array.isArray(input) || input.length === 0) return undefined;
  const messages: DraftMessage[] = [];
  let named = 0;
  for (const item of input) {
    if (!item || typeof item !== 'object') return undefined;
    const { role, content, name } = item as Record<string, unknown>;
    if (typeof content !== 'string' || (role !== 'system' && role !== 'user' && role !== 'assistant' && role !== 'developer')) return undefined;
    if (name !== undefined) named += 1;
    messages.push({ role, content });
  }
  return { messages, named };
}

interface Sample {
  row: JsonlRow;
  messages: DraftMessage[];
  ideals: string[];
}

function convertSpec(
  context: ImportContext,
  source: SourceYaml,
  spec: Spec,
  kind: { check: 'match' | 'includes' | 'fuzzy' | 'fact' | 'closedqa' },
  data: { path: string; rows: JsonlRow[] },
  fewShot: DraftMessage[],
  taken: Set<string>,
): DraftSuite[] {
  const needsIdeal = kind.check !== 'closedqa';
  const samples: Sample[] = [];
  let named = 0;
  for (const row of data.rows) {
    const at = { file: data.path, line: row.line };
    const prompt = chat(row.data.input);
    if (!prompt) throw new Refusal(at.file, at.line, '`input` must be a text or a list of {role, content} messages');
    named += prompt.named;
    const ideal = row.data.ideal;
    const ideals = typeof ideal === 'string' ? [ideal] : Array.isArray(ideal) && ideal.every((item) => typeof item === 'string') ? (ideal as string[]) : undefined;
    if (needsIdeal && (ideals === undefined || ideals.length === 0)) throw new Refusal(at.file, at.line, '`ideal` must be a text or a list of texts');
    if ((ideals ?? []).some((text) => text.includes('{{'))) {
      context.log.dropped(at, `sample at line ${row.line}`, 'its ideal answer holds `{{`, which promptgate would read as a placeholder');
      continue;
    }
    const messages = fewShot.length > 0 ? [...prompt.messages.slice(0, -1), ...fewShot, ...prompt.messages.slice(-1)] : prompt.messages;
    samples.push({ row, messages, ideals: ideals ?? [] });
  }
  if (named > 0) context.log.approximated({ file: data.path }, 'message names', `${named} messages carry a \`name\` (such as example_user), which promptgate does not send; their role is kept`);
  if (samples.length === 0) {
    context.log.dropped(spec.place, `eval ${spec.key}`, `${data.path} holds no sample to convert`);
    return [];
  }

  // A prompt file has one message list: samples are grouped by their roles, the texts that vary
  // become variables.
  const groups = new Map<string, Sample[]>();
  for (const sample of samples) {
    const shape = sample.messages.map((message) => message.role).join(',');
    groups.set(shape, [...(groups.get(shape) ?? []), sample]);
  }
  if (groups.size > 1) context.log.converted(spec.place, `eval ${spec.key}`, `its samples have ${groups.size} different message layouts: one file each`);

  const { parameters, comment, fileAssert, how } = settingsOf(context, source, spec, kind.check);
  if (how) context.log.approximated(spec.place, `eval ${spec.key} (${kind.check})`, how);
  const drafts: DraftSuite[] = [];
  let part = 0;
  for (const group of groups.values()) {
    part += 1;
    const { messages, varying } = template(group);
    const tests: DraftTest[] = [];
    for (const sample of group) {
      const at = { file: data.path, line: sample.row.line };
      const assertion = sampleAssertion(kind.check, sample.ideals, spec.args.ignore_case === true);
      if (assertion === undefined) {
        context.log.dropped(at, `sample at line ${sample.row.line}`, 'its answers make a pattern larger than promptgate runs');
        continue;
      }
      const vars: Record<string, unknown> = {};
      for (const [index, name] of varying) vars[name] = sample.messages[index]!.content;
      tests.push({ name: `${baseName(data.path)}:${sample.row.line}`, vars, assert: assertion ? [assertion] : [] });
      context.log.converted(at, `test ${baseName(data.path)}:${sample.row.line}`);
    }
    let stem = slug(spec.name) || 'imported';
    if (groups.size > 1) stem += `-${part}`;
    let fileName = `${stem}.prompt.yaml`;
    for (let n = 2; taken.has(fileName); n += 1) fileName = `${stem}-${n}.prompt.yaml`;
    taken.add(fileName);
    drafts.push({
      fileName,
      name: groups.size > 1 ? `${spec.name} (${part} of ${groups.size})` : spec.name,
      ...(spec.description ? { description: spec.description } : {}),
      modelParameters: parameters,
      ...(comment ? { parametersComment: comment } : {}),
      messages,
      assert: fileAssert,
      tests,
      header: [
        `Imported from ${relativeTo(context.root, source.file)} (eval ${spec.key}, ${spec.className}) by \`promptgate import\`.`,
        'openai/evals names the model on its command line (oaieval MODEL EVAL): run this file with --model, or set model in promptgate.config.yaml.',
        'Comments below mark what was approximated; the import report lists what was dropped.',
      ],
    });
  }
  return drafts;
}

/** Sampling the classes fix in code, and the checks that hold for every sample. */
function settingsOf(context: ImportContext, source: SourceYaml, spec: Spec, check: string) {
  const parameters: Record<string, unknown> = {};
  let comment: string | undefined;
  let how: string | undefined;
  const fileAssert: DraftAssertion[] = [];
  const maxTokens = typeof spec.args.max_tokens === 'number' ? spec.args.max_tokens : undefined;
  if (check === 'match') {
    parameters.temperature = 0;
    comment = 'Match samples at temperature 0 (evals/elsuite/basic/match.py)';
  } else if (check === 'fuzzy') {
    parameters.temperature = 0;
    parameters.maxTokens = 16;
    comment = 'FuzzyMatch samples at temperature 0 with at most 16 tokens (evals/elsuite/basic/fuzzy_match.py)';
    how = 'each sample\'s answers become one case-insensitive regex: the answer\'s words in order, with punctuation, spaces and articles (a, an, the) between them, anywhere in the output; or the output being whole words of the answer. evals\' fuzzy_match also ignores punctuation inside a word and accepts an output that is part of a word of the answer';
  } else if (check === 'includes') {
    if (maxTokens !== undefined) parameters.maxTokens = maxTokens;
  } else if (check === 'fact') {
    how = 'graded by promptgate\'s llm-rubric judge, passing what evals\' fact spec calls A, B, C or E (consistent) and failing D (a disagreement); evals records the choice and leaves the pass mark to you';
  } else if (check === 'closedqa') {
    const criteria = ((spec.args.modelgraded_spec_args ?? {}) as Record<string, unknown>).criteria;
    const place = { file: source.file, line: source.lineOf([spec.key, 'args', 'modelgraded_spec_args']) };
    const list = criteria && typeof criteria === 'object' ? Object.entries(criteria as Record<string, unknown>) : [];
    if (list.length === 0) throw new Refusal(place.file, place.line ?? spec.place.line, 'the closedqa spec needs modelgraded_spec_args.criteria, a map of criterion names to questions');
    for (const [name, text] of list) {
      fileAssert.push({ type: 'llm-rubric', value: String(text), name });
    }
    how = 'each criterion graded by promptgate\'s llm-rubric judge (passing where closedqa\'s judge answers Y), not by closedqa\'s own prompt';
  }
  if (check === 'fact' || check === 'closedqa') {
    const type = spec.args.eval_type;
    if (type !== undefined && type !== 'cot_classify' && type !== 'classify_cot' && type !== 'classify') {
      context.log.dropped({ file: source.file, line: source.lineOf([spec.key, 'args', 'eval_type']) }, `eval ${spec.key} eval_type`, `"${String(type)}" is not one of evals' classify, cot_classify, classify_cot`);
    }
  }
  if (maxTokens !== undefined && check !== 'includes' && check !== 'fuzzy') parameters.maxTokens = maxTokens;
  return { parameters, comment, fileAssert, how };
}

function sampleAssertion(check: string, ideals: string[], ignoreCase: boolean): DraftAssertion | undefined | null {
  if (check === 'match') {
    if (ideals.length === 1) return { type: 'starts-with', value: ideals[0] };
    const pattern = startsWithAnyPattern(ideals);
    return fits(pattern) ? { type: 'regex', value: pattern } : undefined;
  }
  if (check === 'includes') {
    const type = ignoreCase ? 'icontains' : 'contains';
    return ideals.length === 1 ? { type, value: ideals[0] } : { type: `${type}-any`, value: ideals };
  }
  if (check === 'fuzzy') {
    for (const both of [true, false]) {
      const pattern = ideals.map((ideal) => fuzzyPattern(ideal, both)).join('|');
      if (fits(pattern, 'i')) return { type: 'regex', value: `/${pattern}/i` };
    }
    return undefined;
  }
  if (check === 'fact') {
    return { type: 'llm-rubric', value: FACT_RUBRIC(ideals.length === 1 ? ideals[0]! : ideals.map((ideal) => JSON.stringify(ideal)).join(' or ')) };
  }
  return null;
}

/** One message list for samples of the same roles: a text shared by all is written as it is, the rest become `{{input}}` (or `{{input_N}}`). */
function template(group: Sample[]): { messages: DraftMessage[]; varying: [number, string][] } {
  const first = group[0]!.messages;
  const varyingIndexes = first
    .map((message, index) => index)
    .filter((index) => first[index]!.content.includes('{{') || group.some((sample) => sample.messages[index]!.content !== first[index]!.content));
  const varying: [number, string][] = varyingIndexes.map((index) => [index, varyingIndexes.length === 1 ? 'input' : `input_${index + 1}`]);
  const names = new Map(varying);
  const messages = first.map((message, index) => (names.has(index) ? { role: message.role, content: `{{${names.get(index)}}}` } : message));
  return { messages, varying };
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function relativeTo(root: string, path: string): string {
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}
