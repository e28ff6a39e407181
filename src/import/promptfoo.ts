// A promptfoo config → prompt files: one per prompt and provider (promptfoo runs every pair), each
// holding every test. defaultTest becomes the file's own vars and assertions.
import { basename, dirname } from 'node:path';
import { convertAssertion } from './promptfoo-assertions.js';
import { readPrompts, type ImportedPrompt } from './promptfoo-prompts.js';
import { readProviders, type ImportedProvider } from './promptfoo-providers.js';
import { convertTests, readScenarios, readTests, type ImportedTest } from './promptfoo-tests.js';
import type { DraftAssertion, DraftSuite } from './draft.js';
import { isFileRef, readRef, type ImportContext } from './references.js';
import { SourceYaml } from './source-yaml.js';
import { Refusal } from './types.js';

/** Top-level keys with no promptgate counterpart, and why they are not carried. */
const NOT_CARRIED: Record<string, string> = {
  env: 'environment settings are not carried: export them, or use --env-file',
  nunjucksFilters: 'Nunjucks filters run code, which promptgate does not',
  extensions: 'extension hooks run code, which promptgate does not',
  evaluateOptions: 'run options are promptgate flags (-j, --repeat, --timeout)',
  derivedMetrics: 'derived metrics have no promptgate equivalent',
  redteam: 'red-team generation has no promptgate equivalent',
  outputPath: 'use -o / --junit / --markdown with promptgate run',
};

export function looksLikePromptfoo(data: unknown): boolean {
  return Boolean(data) && typeof data === 'object' && !Array.isArray(data) && ['prompts', 'providers', 'tests', 'scenarios'].some((key) => key in (data as object));
}

export async function importPromptfoo(context: ImportContext, source: SourceYaml): Promise<DraftSuite[]> {
  const config = source.data as Record<string, unknown>;
  const at = (key: string) => ({ file: source.file, line: source.lineOf([key]) });
  for (const [key, why] of Object.entries(NOT_CARRIED)) if (config[key] !== undefined) context.log.dropped(at(key), key, why);

  const prompts = await readPrompts(context, source, config.prompts);
  if (config.prompts === undefined) throw new Refusal(source.file, 1, 'a promptfoo config needs `prompts`');
  const providers = readProviders(context, source, config.providers);
  if (config.providers === undefined) context.log.approximated(at('prompts'), 'providers', 'none named: the files name no model; run them with --model');

  const { defaults, defaultAssert, defaultArrays, defaultPlace } = await readDefaultTest(context, source, config.defaultTest);
  const raws = [...(await readTests(context, source, config.tests, ['tests'])), ...(await readScenarios(context, source, config.scenarios))];
  const tests = await convertTests(context, raws, defaultArrays);
  if (raws.length === 0 && defaultPlace) context.log.approximated(defaultPlace, 'defaultTest', 'no tests: each file runs once as a single test');

  const description = typeof config.description === 'string' ? config.description : undefined;
  const base = slug(description ?? basename(dirname(source.file))) || 'imported';
  const relative = source.file.startsWith(context.root + '/') ? source.file.slice(context.root.length + 1) : source.file;
  const pairs: { prompt: ImportedPrompt; provider?: ImportedProvider; index: number }[] = [];
  prompts.forEach((prompt, index) => {
    if (providers.length === 0) pairs.push({ prompt, index });
    for (const provider of providers) pairs.push({ prompt, provider, index });
  });
  const taken = new Set<string>();
  return pairs.map(({ prompt, provider, index }) => {
    let stem = base;
    if (prompts.length > 1) stem += `-prompt${index + 1}`;
    if (provider && providers.length > 1) stem += `-${slug(provider.label)}`;
    let fileName = `${stem}.prompt.yaml`;
    for (let n = 2; taken.has(fileName); n += 1) fileName = `${stem}-${n}.prompt.yaml`;
    taken.add(fileName);
    const name = [description ?? base, prompts.length > 1 ? `prompt ${index + 1}` : undefined, provider && providers.length > 1 ? provider.label : undefined]
      .filter((part) => part !== undefined)
      .join(' · ');
    return {
      fileName,
      name,
      ...(prompts.length > 1 ? { description: `promptfoo prompt: ${prompt.label}` } : {}),
      ...(provider ? { model: provider.model } : {}),
      modelParameters: provider?.parameters ?? {},
      parametersComment: provider?.parametersComment,
      messages: prompt.messages,
      vars: defaults,
      assert: defaultAssert,
      tests: uniqueNames(tests),
      header: [
        `Imported from ${relative} by \`promptgate import\`${origin(prompts.length > 1 ? `prompt ${index + 1} of ${prompts.length}` : undefined, provider && providers.length > 1 ? `provider ${provider.label}` : undefined)}.`,
        'Comments below mark what was approximated; the import report lists what was dropped.',
      ],
    } satisfies DraftSuite;
  });
}

async function readDefaultTest(context: ImportContext, source: SourceYaml, raw: unknown) {
  let data = raw;
  let file = source;
  let base: (string | number)[] = ['defaultTest'];
  const place = raw === undefined ? undefined : { file: source.file, line: source.lineOf(['defaultTest']) };
  if (isFileRef(raw)) {
    const loaded = await readRef(context, raw, place!);
    file = new SourceYaml(loaded.path, loaded.text);
    data = file.data;
    base = [];
  }
  const fields = (data ?? {}) as Record<string, unknown>;
  const defaults: Record<string, unknown> = {};
  const defaultArrays: Record<string, unknown[]> = {};
  for (const [key, value] of Object.entries((fields.vars ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) defaultArrays[key] = value;
    else if (isFileRef(value)) {
      const loaded = await readRef(context, value, { file: file.file, line: file.lineOf([...base, 'vars', key]) });
      defaults[key] = loaded.text;
    } else defaults[key] = value;
  }
  const defaultAssert: DraftAssertion[] = [];
  for (const [index, item] of (Array.isArray(fields.assert) ? fields.assert : []).entries()) {
    const at = { file: file.file, line: file.lineOf([...base, 'assert', index]) };
    const { result, how, what } = await convertAssertion(context, item, at);
    if ('dropped' in result) context.log.dropped(at, what, result.dropped);
    else {
      if (how) context.log.approximated(at, what, how);
      else context.log.converted(at, what, `→ ${result.assertion.type}, on every test`);
      defaultAssert.push(result.assertion);
    }
  }
  const options = (fields.options ?? {}) as Record<string, unknown>;
  if (options.transform !== undefined && place) context.log.dropped(place, 'defaultTest options.transform', 'output transforms run code, which promptgate does not; the assertions check the raw output');
  if ((options.provider !== undefined || options.rubricPrompt !== undefined) && place) {
    context.log.approximated(place, 'defaultTest options.provider', "graded by promptgate's judge: choose its model with --judge-model");
  }
  return { defaults: Object.keys(defaults).length > 0 ? defaults : undefined, defaultAssert, defaultArrays, defaultPlace: place };
}

function origin(...parts: (string | undefined)[]): string {
  const present = parts.filter((part) => part !== undefined);
  return present.length > 0 ? `: ${present.join(', ')}` : '';
}

function uniqueNames(tests: ImportedTest[]) {
  const seen = new Map<string, number>();
  return tests.map((test) => {
    let name = test.name;
    if (name !== undefined) {
      const count = (seen.get(name) ?? 0) + 1;
      seen.set(name, count);
      if (count > 1) name = `${name} (${count})`;
    }
    return { ...(name === undefined ? {} : { name }), vars: test.vars, assert: test.assert, ...(test.comment ? { comment: test.comment } : {}) };
  });
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60);
}
