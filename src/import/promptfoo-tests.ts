// promptfoo `tests` and `scenarios` → test cases: inline, file:// YAML/JSON/JSONL/CSV, `__expected`
// CSV columns, array variables expanded into one test per combination (promptfoo's
// generateVarCombinations), and file:// variable values inlined (YAML parsed and sent as JSON).
import { assertionFromString, convertAssertion } from './promptfoo-assertions.js';
import { parseCsv } from './csv.js';
import type { DraftAssertion } from './draft.js';
import { CODE_EXTENSIONS, type ImportContext, isFileRef, parseDataFile, readRef, resolveRef } from './references.js';
import { SourceYaml } from './source-yaml.js';
import { Refusal, type SourcePlace } from './types.js';

export interface ImportedTest {
  name?: string;
  vars: Record<string, unknown>;
  assert: DraftAssertion[];
  place: SourcePlace;
  comment?: string;
}

/** A raw promptfoo test with where it came from. */
interface RawTest {
  data: Record<string, unknown>;
  place: SourcePlace;
  /** The assertion list's places, by index. */
  assertPlace: (index: number) => SourcePlace;
}

export async function readTests(context: ImportContext, source: SourceYaml, raw: unknown, path: (string | number)[]): Promise<RawTest[]> {
  if (raw === undefined) return [];
  if (typeof raw === 'string') return readTestFile(context, raw, { file: source.file, line: source.lineOf(path) });
  if (!Array.isArray(raw)) throw new Refusal(source.file, source.lineOf(path), '`tests` must be a list of tests or a file:// reference');
  const tests: RawTest[] = [];
  for (const [index, item] of raw.entries()) {
    const place = { file: source.file, line: source.lineOf([...path, index]) };
    if (typeof item === 'string') tests.push(...(await readTestFile(context, item, place)));
    else tests.push(rawTest(source, [...path, index], item));
  }
  return tests;
}

function rawTest(source: SourceYaml, path: (string | number)[], item: unknown): RawTest {
  const place = { file: source.file, line: source.lineOf(path) };
  if (!item || typeof item !== 'object' || Array.isArray(item)) throw new Refusal(place.file, place.line, 'a test must be a mapping (vars, assert, description)');
  return { data: item as Record<string, unknown>, place, assertPlace: (index) => ({ file: source.file, line: source.lineOf([...path, 'assert', index]) }) };
}

async function readTestFile(context: ImportContext, ref: string, from: SourcePlace): Promise<RawTest[]> {
  if (!isFileRef(ref)) throw new Refusal(from.file, from.line, `"${ref}": tests must be mappings or file:// references`);
  const file = await readRef(context, ref, from);
  if (file.extension === '.csv') return csvTests(file.path, file.text);
  if (file.extension === '.jsonl') {
    return file.text.split('\n').flatMap((line, index) => {
      if (line.trim() === '') return [];
      const at = { file: file.path, line: index + 1 };
      let data: unknown;
      try {
        data = JSON.parse(line);
      } catch (error) {
        throw new Refusal(file.path, index + 1, `not a JSON line: ${(error as Error).message}`);
      }
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Refusal(file.path, index + 1, 'each line must be a JSON object (a test)');
      return [{ data: data as Record<string, unknown>, place: at, assertPlace: () => at }];
    });
  }
  if (file.extension !== '.yaml' && file.extension !== '.yml' && file.extension !== '.json') {
    throw new Refusal(from.file, from.line, `${ref}: tests are read from YAML, JSON, JSONL or CSV files`);
  }
  const source = new SourceYaml(file.path, file.text);
  const list = Array.isArray(source.data) ? source.data : [source.data];
  return list.map((item, index) => rawTest(source, Array.isArray(source.data) ? [index] : [], item));
}

function csvTests(path: string, text: string): RawTest[] {
  const { header, rows } = parseCsv(path, text);
  return rows.map((row) => {
    const place = { file: path, line: row.line };
    const vars: Record<string, unknown> = {};
    const assert: unknown[] = [];
    const data: Record<string, unknown> = { vars, assert };
    header.forEach((column, index) => {
      const cell = row.cells[index] ?? '';
      if (/^__expected\d*$/.test(column)) {
        if (cell.trim() !== '') assert.push(assertionFromString(cell));
      } else if (column === '__description') data.description = cell;
      else if (column === '__threshold') data.threshold = Number(cell);
      else if (column.startsWith('__metadata')) return;
      else if (column === '__prefix' || column === '__suffix') {
        if (cell !== '') data.options = { ...((data.options as object) ?? {}), [column.slice(2)]: cell };
      } else vars[column] = cell;
    });
    return { data, place, assertPlace: () => place };
  });
}

/** Scenarios: every config entry crossed with every test, vars and assertions merged in that order. */
export async function readScenarios(context: ImportContext, source: SourceYaml, raw: unknown): Promise<RawTest[]> {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new Refusal(source.file, source.lineOf(['scenarios']), '`scenarios` must be a list');
  const tests: RawTest[] = [];
  for (const [index, scenario] of raw.entries()) {
    const path = ['scenarios', index];
    let fields = scenario as Record<string, unknown>;
    let scenarioSource = source;
    let base: (string | number)[] = path;
    if (isFileRef(scenario)) {
      const file = await readRef(context, scenario, { file: source.file, line: source.lineOf(path) });
      scenarioSource = new SourceYaml(file.path, file.text);
      fields = scenarioSource.data as Record<string, unknown>;
      base = [];
    }
    if (!fields || typeof fields !== 'object') throw new Refusal(source.file, source.lineOf(path), 'a scenario must be a mapping with config and tests');
    const configs = Array.isArray(fields.config) ? fields.config : [{}];
    const inner = await readTests(context, scenarioSource, fields.tests, [...base, 'tests']);
    configs.forEach((config: Record<string, unknown>, configIndex: number) => {
      for (const test of inner) {
        const description = [fields.description, config?.description, test.data.description].filter((part) => typeof part === 'string').join(' › ');
        tests.push({
          data: {
            ...test.data,
            description: description || undefined,
            vars: { ...((config?.vars as object) ?? {}), ...((test.data.vars as object) ?? {}) },
            assert: [...((config?.assert as unknown[]) ?? []), ...((test.data.assert as unknown[]) ?? [])],
          },
          place: test.place,
          assertPlace: (at) => ({ file: scenarioSource.file, line: scenarioSource.lineOf([...base, 'config', configIndex, 'assert', at]) ?? test.place.line }),
        });
      }
    });
  }
  return tests;
}

/**
 * Raw tests → imported tests: file:// values inlined, assertions converted, array vars expanded.
 * `defaultArrays` are defaultTest's array-valued vars, which promptfoo expands in every test.
 */
export async function convertTests(context: ImportContext, raws: RawTest[], defaultArrays: Record<string, unknown[]>): Promise<ImportedTest[]> {
  const tests: ImportedTest[] = [];
  for (const raw of raws) {
    const { data, place } = raw;
    const name = typeof data.description === 'string' ? data.description : undefined;
    const what = name ? `test "${name}"` : 'test';
    const options = (data.options ?? {}) as Record<string, unknown>;
    if (options.transform !== undefined || options.postprocess !== undefined) {
      context.log.dropped(place, what, 'its output is transformed by code (options.transform) before the assertions');
      continue;
    }
    if (options.prefix !== undefined || options.suffix !== undefined) {
      context.log.dropped(place, what, 'it adds a prefix/suffix to the prompt (options.prefix/suffix, __prefix/__suffix)');
      continue;
    }
    if (data.provider !== undefined || data.providerOutput !== undefined) {
      context.log.dropped(place, what, 'it names its own provider or a fixed output');
      continue;
    }
    if (options.provider !== undefined || options.rubricPrompt !== undefined) {
      context.log.approximated(place, `${what} options.provider/rubricPrompt`, "graded by promptgate's judge: choose its model with --judge-model");
    }
    let comment: string | undefined;
    if (typeof data.threshold === 'number') {
      comment = `promptfoo passed this test on a weighted score of ${data.threshold}; promptgate passes it when every assertion passes`;
      context.log.approximated(place, `${what} threshold`, 'every assertion must pass (stricter than a score threshold)');
    }
    const vars = await inlineVars(context, (data.vars ?? {}) as Record<string, unknown>, place);
    if (vars === undefined) {
      context.log.dropped(place, what, 'a variable is computed by code (file://….js/.py)');
      continue;
    }
    const assert: DraftAssertion[] = [];
    const assertions = Array.isArray(data.assert) ? data.assert : [];
    for (const [index, item] of assertions.entries()) {
      const at = raw.assertPlace(index);
      const { result, how, what: kind } = await convertAssertion(context, item, at);
      if ('dropped' in result) context.log.dropped(at, kind, result.dropped);
      else {
        if (how) context.log.approximated(at, kind, how);
        else context.log.converted(at, kind, `→ ${result.assertion.type}`);
        assert.push(result.assertion);
      }
    }
    for (const expanded of expand({ ...pick(defaultArrays, vars), ...vars })) {
      const suffix = expanded.label ? ` [${expanded.label}]` : '';
      tests.push({ name: name !== undefined ? `${name}${suffix}` : expanded.label || undefined, vars: expanded.vars, assert, place, comment });
    }
    context.log.converted(place, what, 'vars and assertions');
  }
  return tests;
}

function pick(arrays: Record<string, unknown[]>, vars: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(arrays).filter(([key]) => !(key in vars)));
}

async function inlineVars(context: ImportContext, vars: Record<string, unknown>, place: SourcePlace): Promise<Record<string, unknown> | undefined> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (isFileRef(value)) {
      const { extension } = resolveRef(value, place.file);
      if (CODE_EXTENSIONS.has(extension)) return undefined;
      const file = await readRef(context, value, place);
      const data = parseDataFile(file.path, file.text, extension === '.json' ? '.txt' : extension);
      out[key] = typeof data === 'string' ? data : JSON.stringify(data);
    } else out[key] = value;
  }
  return out;
}

/** promptfoo's generateVarCombinations: every array-valued var multiplies the tests. */
function expand(vars: Record<string, unknown>): { vars: Record<string, unknown>; label: string }[] {
  let combos: { vars: Record<string, unknown>; label: string[] }[] = [{ vars: {}, label: [] }];
  for (const [key, value] of Object.entries(vars)) {
    if (Array.isArray(value) && key !== '_conversation') {
      combos = combos.flatMap((combo) =>
        value.map((item) => ({ vars: { ...combo.vars, [key]: item }, label: [...combo.label, `${key}=${typeof item === 'string' ? item : JSON.stringify(item)}`] })),
      );
    } else combos = combos.map((combo) => ({ ...combo, vars: { ...combo.vars, [key]: value } }));
  }
  return combos.map((combo) => ({ vars: combo.vars, label: combo.label.join(', ') }));
}
