// Reads GitHub Models `.prompt.yml` files unchanged: testData rows become tests, evaluators
// become assertions. GitHub retired the service, so these files must keep working here as written.
import { GITHUB_EVALUATORS, GITHUB_EVALUATORS_USING_EXPECTED } from '../assert/graded-kinds.js';
import type { Assertion, Position, ResponseFormat } from '../types.js';
import {
  isFields,
  nameFromFile,
  optionalString,
  overlayVars,
  readMessages,
  readMinPassRate,
  readRepeat,
  readSamplingParameters,
  readVars,
} from './common-fields.js';
import type { Fields } from './common-fields.js';
import { didYouMean } from './did-you-mean.js';
import { findPlaceholders } from '../template.js';
import type { DraftSuite, DraftTest, LocatedAssertion } from './draft.js';
import type { ProblemList } from './problems.js';
import type { SourceNode } from './source-map.js';

/** Keys only GitHub Models files have; any of them marks a file as that format. */
export const GITHUB_ONLY_KEYS = ['testData', 'evaluators', 'jsonSchema', 'responseFormat'] as const;
/** Keys whose meaning would clash with testData/evaluators. */
export const NATIVE_ONLY_KEYS = ['tests', 'assert'] as const;

export function isGitHubModelsFile(data: Fields): boolean {
  return GITHUB_ONLY_KEYS.some((key) => key in data);
}

export function readGitHubModelsSuite(data: Fields, file: string, problems: ProblemList): DraftSuite {
  const source = problems.source;
  reportMixedFormats(data, problems);

  const modelParameters = readSamplingParameters(data.modelParameters);
  const responseFormat = readResponseFormat(data, problems);
  if (responseFormat) modelParameters.responseFormat = responseFormat;

  const fileAssert = readEvaluators(data.evaluators, problems);
  const fileVars = readVars(data.vars);
  const defaults = { repeat: readRepeat(data.repeat, 1), minPassRate: readMinPassRate(data.minPassRate, 1) };

  const tests: DraftTest[] = [];
  if (Array.isArray(data.testData)) {
    const names = testNames(data.testData);
    data.testData.forEach((row, index) => {
      tests.push({
        index,
        name: names[index]!,
        vars: overlayVars(fileVars, readVars(row)),
        assert: [],
        ...defaults,
        span: source.spanOf(source.nodeAt(['testData', index])),
      });
    });
  }
  reportRowsWithoutExpected(fileAssert, tests, problems);
  if (tests.length === 0 && (data.testData === undefined || Array.isArray(data.testData))) {
    problems.warning(
      source.nodeAt(['testData']) ?? source.root,
      'no testData: nothing to run; add `testData:` with one row of placeholder values per test',
    );
  }

  return {
    format: 'github-models',
    name: optionalString(data.name) ?? nameFromFile(file),
    description: optionalString(data.description),
    model: optionalString(data.model),
    modelParameters,
    messages: readMessages(data.messages, source),
    fileAssert,
    tests,
  };
}

/** github/similarity and github/groundedness judge against `expected`; a row without it cannot be judged. */
function reportRowsWithoutExpected(evaluators: LocatedAssertion[], tests: DraftTest[], problems: ProblemList): void {
  const needing = evaluators
    .map(({ assertion }) => (assertion.value as { evaluator?: string } | undefined)?.evaluator)
    .filter((name): name is string => name !== undefined && GITHUB_EVALUATORS_USING_EXPECTED.has(name));
  if (needing.length === 0) return;
  const uses = needing.map((name) => `github/${name}`).join(' and ');
  for (const test of tests) {
    const expected = test.vars.expected;
    if (expected !== undefined && expected !== null && expected !== '') continue;
    problems.error(
      problems.source.nodeAt(['testData', test.index]),
      `this row has no \`expected\`, which ${uses} compares the answer with; add expected: to the row`,
    );
  }
}

function reportMixedFormats(data: Fields, problems: ProblemList): void {
  const githubKeys = GITHUB_ONLY_KEYS.filter((key) => key in data);
  for (const key of NATIVE_ONLY_KEYS.filter((nativeKey) => nativeKey in data)) {
    problems.error(
      problems.source.keyNodeAt([], key),
      `"${key}" belongs to promptgate's format, but this file uses GitHub Models keys (${githubKeys.join(', ')}); ` +
        'use one format per file: tests/assert, or testData/evaluators',
    );
  }
}

function readResponseFormat(data: Fields, problems: ProblemList): ResponseFormat | undefined {
  const source = problems.source;
  if (isFields(data.modelParameters) && 'responseFormat' in data.modelParameters && 'responseFormat' in data) {
    problems.error(
      source.keyNodeAt(['modelParameters'], 'responseFormat'),
      'responseFormat is given twice; in a GitHub Models file keep only the top-level one',
    );
  }
  const parsedSchema = 'jsonSchema' in data ? readJsonSchemaString(data.jsonSchema, problems) : undefined;
  if (data.responseFormat === 'text' || data.responseFormat === 'json_object') {
    return { type: data.responseFormat };
  }
  if (data.responseFormat === 'json_schema') {
    if (!('jsonSchema' in data)) {
      problems.error(
        source.nodeAt(['responseFormat']),
        'responseFormat json_schema needs `jsonSchema:` with a JSON string such as {"name": "answer", "schema": {...}}',
      );
    }
    return parsedSchema;
  }
  if ('jsonSchema' in data && data.responseFormat === undefined) {
    problems.warning(source.keyNodeAt([], 'jsonSchema'), 'jsonSchema is only used with `responseFormat: json_schema`; add that line or remove jsonSchema');
  }
  return undefined;
}

/** GitHub keeps the schema as a JSON string holding {name, strict, schema}. */
function readJsonSchemaString(raw: unknown, problems: ProblemList): ResponseFormat | undefined {
  const source = problems.source;
  const node = source.nodeAt(['jsonSchema']);
  if (typeof raw !== 'string') return undefined; // the schema check reports the type
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    problems.errorAt(jsonErrorPosition(raw, error, node, problems), `jsonSchema is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  if (!isFields(parsed)) {
    problems.error(node, 'jsonSchema must be a JSON object with "name" and "schema"');
    return undefined;
  }
  const missing = ['name', 'schema'].filter((key) => !(key in parsed));
  if (missing.length > 0) {
    problems.error(node, `jsonSchema must contain ${missing.map((key) => `"${key}"`).join(' and ')}, e.g. {"name": "answer", "strict": true, "schema": {...}}`);
    return undefined;
  }
  if (typeof parsed.name !== 'string' || !isFields(parsed.schema)) {
    problems.error(node, 'jsonSchema needs "name" as a string and "schema" as a JSON object');
    return undefined;
  }
  const jsonSchema: Extract<ResponseFormat, { type: 'json_schema' }>['json_schema'] = { name: parsed.name, schema: parsed.schema };
  if (typeof parsed.strict === 'boolean') jsonSchema.strict = parsed.strict;
  if (typeof parsed.description === 'string') jsonSchema.description = parsed.description;
  return { type: 'json_schema', json_schema: jsonSchema };
}

/** Points into the string at the character JSON.parse stopped at, when its message says which. */
function jsonErrorPosition(raw: string, error: unknown, node: SourceNode | undefined, problems: ProblemList): Position {
  const source = problems.source;
  const match = /position (\d+)/.exec((error as Error).message);
  if (!match || !node) return source.startOf(node);
  const index = Math.min(Number(match[1]), raw.length - 1);
  return source.positionInString(node, index);
}

// GitHub semantics: equals is exact; contains, startsWith and endsWith ignore case.
const STRING_EVALUATORS: Record<string, string> = {
  equals: 'equals',
  contains: 'icontains',
  startsWith: 'istarts-with',
  endsWith: 'iends-with',
};

function readEvaluators(data: unknown, problems: ProblemList): LocatedAssertion[] {
  if (!Array.isArray(data)) return [];
  const source = problems.source;
  const located: LocatedAssertion[] = [];
  data.forEach((item, index) => {
    if (!isFields(item)) return;
    const path = ['evaluators', index];
    const node = source.nodeAt(path);
    const name = optionalString(item.name) ?? `evaluator ${index + 1}`;
    const kinds = ['string', 'llm', 'uses'].filter((kind) => item[kind] !== undefined);
    if (kinds.length !== 1) {
      problems.error(
        node,
        `evaluator "${name}" needs exactly one of string, llm or uses` + (kinds.length > 1 ? `; found ${kinds.join(' and ')}` : ''),
      );
      return;
    }
    const span = source.spanOf(node);
    if (isFields(item.string)) {
      const key = Object.keys(item.string).find((candidate) => candidate in STRING_EVALUATORS);
      if (key === undefined || typeof item.string[key] !== 'string') return; // the schema check reports it
      const baseType = STRING_EVALUATORS[key]!;
      const assertion: Assertion = { type: baseType, baseType, negate: false, value: item.string[key], name, span };
      located.push({ assertion, valueNode: source.nodeAt([...path, 'string', key]), node });
      return;
    }
    if (item.llm !== undefined) {
      warnAboutSystemPromptPlaceholders(item.llm, [...path, 'llm'], problems);
      // The value keeps its {{completion}} template: the grader fills it with the answer.
      const assertion: Assertion = { type: 'llm-evaluator', baseType: 'llm-evaluator', negate: false, value: item.llm, name, span };
      located.push({ assertion, valueNode: source.nodeAt([...path, 'llm']), node });
      return;
    }
    if (typeof item.uses !== 'string') return; // the schema check reports it
    const builtin = /^github\/(.+)$/.exec(item.uses)?.[1];
    if (builtin === undefined || !(GITHUB_EVALUATORS as readonly string[]).includes(builtin)) {
      const known = GITHUB_EVALUATORS.map((evaluatorName) => `github/${evaluatorName}`);
      const hint = didYouMean(item.uses, known) || `; the built-in evaluators are ${known.join(', ')}`;
      problems.error(source.nodeAt([...path, 'uses']) ?? node, `unknown evaluator "${item.uses}"${hint}`);
      return;
    }
    const assertion: Assertion = { type: 'github-evaluator', baseType: 'github-evaluator', negate: false, value: { evaluator: builtin }, name, span };
    located.push({ assertion, node });
  });
  return located;
}

/** GitHub sends an `llm` evaluator's systemPrompt as written, and so does promptgate: a placeholder there is never filled. */
function warnAboutSystemPromptPlaceholders(llm: unknown, path: (string | number)[], problems: ProblemList): void {
  const systemPrompt = isFields(llm) ? llm.systemPrompt : undefined;
  if (typeof systemPrompt !== 'string') return;
  const placeholders = findPlaceholders(systemPrompt);
  if (placeholders.length === 0) return;
  const source = problems.source;
  problems.warning(
    source.nodeAt([...path, 'systemPrompt']),
    `{{${placeholders[0]!.path}}} in systemPrompt is sent to the judge as written (GitHub Models never filled it either); move it into \`prompt\`, where the row's values and {{completion}} are filled`,
  );
}

/**
 * A short, stable label per row for --test and reports: the row's `input` (GitHub's convention)
 * or first text value, else `testData[N]`; a label shared by two rows falls back to the index.
 */
function testNames(rows: unknown[]): string[] {
  const labels = rows.map((row) => labelOf(row));
  const counts = new Map<string, number>();
  for (const label of labels) if (label !== undefined) counts.set(label, (counts.get(label) ?? 0) + 1);
  return labels.map((label, index) => (label !== undefined && counts.get(label) === 1 ? label : `testData[${index + 1}]`));
}

const LABEL_LENGTH = 50;

function labelOf(row: unknown): string | undefined {
  if (!isFields(row)) return undefined;
  const text = [row.input, ...Object.values(row)].find(
    (value): value is string | number => (typeof value === 'string' && value.trim() !== '') || typeof value === 'number',
  );
  if (text === undefined) return undefined;
  const oneLine = String(text).replace(/\s+/g, ' ').trim();
  // `testData[N]` is what labels fall back to; a row must not be able to take another row's fallback name.
  if (/^testData\[\d+\]$/.test(oneLine)) return undefined;
  return oneLine.length > LABEL_LENGTH ? `${oneLine.slice(0, LABEL_LENGTH - 1)}…` : oneLine;
}
