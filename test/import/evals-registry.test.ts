// The openai/evals registry importer on small registries held in memory, laid out as in the
// openai/evals repository (evals/registry/evals/*.yaml, samples under evals/registry/data/). The
// converted checks are run with promptgate's own assertion code against answers whose verdicts
// under openai/evals were worked out by hand from its sources (match.py, includes.py,
// utils.fuzzy_match).
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importSource } from '../../src/import/import-source.js';
import type { ImportOutcome, SourceFiles } from '../../src/import/types.js';
import { check } from '../assert/helpers.js';

const R = '/r/evals/registry';

function memory(files: Record<string, string>): SourceFiles {
  return {
    read: async (path) => files[path],
    isDirectory: async (path) => Object.keys(files).some((name) => name.startsWith(`${path}/`)),
  };
}

async function importRegistry(files: Record<string, string>, source = `${R}/evals/demo.yaml`): Promise<ImportOutcome> {
  return importSource(source, memory(files), '/r');
}

async function importOk(files: Record<string, string>, source?: string) {
  const outcome = await importRegistry(files, source);
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusal)}`);
  return outcome;
}

const jsonl = (...rows: unknown[]) => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
const HEADER = '# yaml-language-server: $schema=https://raw.githubusercontent.com/promptgate/promptgate/v1/schema/promptgate.schema.json\n';

describe('openai/evals registry: Match', () => {
  const files = {
    [`${R}/evals/demo.yaml`]: [
      'capitals:',
      '  id: capitals.dev.v0',
      '  description: Capital cities',
      '  metrics: [accuracy]',
      'capitals.dev.v0:',
      '  class: evals.elsuite.basic.match:Match',
      '  args:',
      '    samples_jsonl: capitals/samples.jsonl',
      '',
    ].join('\n'),
    [`${R}/data/capitals/samples.jsonl`]: jsonl(
      { input: [{ role: 'system', content: 'Answer with the city only.' }, { role: 'user', content: 'Capital of France?' }], ideal: 'Paris' },
      { input: [{ role: 'system', content: 'Answer with the city only.' }, { role: 'user', content: 'Capital of the Netherlands?' }], ideal: ['Amsterdam', 'The Hague (seat)'] },
    ),
  };

  it('writes one file: the shared system message kept, the varying one a variable, temperature 0 as Match sends', async () => {
    const outcome = await importOk(files);
    expect(outcome.format).toBe('openai/evals registry');
    expect(outcome.files.map((file) => [file.path, file.tests])).toEqual([['capitals.prompt.yaml', 2]]);
    expect(outcome.files[0]!.text).toBe(
      HEADER +
        [
          '# Imported from evals/registry/evals/demo.yaml (eval capitals.dev.v0, evals.elsuite.basic.match:Match) by `promptgate import`.',
          '# openai/evals names the model on its command line (oaieval MODEL EVAL): run this file with --model, or set model in promptgate.config.yaml.',
          '# Comments below mark what was approximated; the import report lists what was dropped.',
          '',
          'name: capitals',
          'description: Capital cities',
          '# Match samples at temperature 0 (evals/elsuite/basic/match.py)',
          'modelParameters:',
          '  temperature: 0',
          'messages:',
          '  - role: system',
          '    content: Answer with the city only.',
          '  - role: user',
          '    content: "{{input}}"',
          'tests:',
          '  - name: samples.jsonl:1',
          '    vars:',
          '      input: Capital of France?',
          '    assert:',
          '      - starts-with: Paris',
          '  - name: samples.jsonl:2',
          '    vars:',
          '      input: Capital of the Netherlands?',
          '    assert:',
          '      - regex: ^(?:Amsterdam|The Hague \\(seat\\))',
          '',
        ].join('\n'),
    );
    expect(outcome.notes.filter((note) => note.kind !== 'converted')).toEqual([]);
  });

  it('passes an answer that starts with any ideal, as record_and_check_match does, and nothing else', async () => {
    const outcome = await importOk(files);
    const anyOf = parse(outcome.files[0]!.text).tests[1].assert[0].regex;
    expect(check('regex', anyOf, 'The Hague (seat) is where the government sits').pass).toBe(true);
    expect(check('regex', anyOf, 'Amsterdam.').pass).toBe(true);
    expect(check('regex', anyOf, 'It is Amsterdam').pass).toBe(false);
    expect(check('regex', anyOf, 'The Hague seat').pass).toBe(false);
  });

  it('sends a text input as one system message (evals/prompt/base.py), and samples of different layouts to separate files', async () => {
    const outcome = await importOk({
      [`${R}/evals/demo.yaml`]: 'm.v0:\n  class: evals.elsuite.basic.match:Match\n  args: {samples_jsonl: m.jsonl}\n',
      [`${R}/data/m.jsonl`]: jsonl({ input: 'Say A', ideal: 'A' }, { input: 'Say B', ideal: 'B' }, { input: [{ role: 'user', content: 'Say C' }], ideal: 'C' }),
    });
    expect(outcome.files.map((file) => [file.path, file.tests])).toEqual([['m.v0-1.prompt.yaml', 2], ['m.v0-2.prompt.yaml', 1]]);
    expect(parse(outcome.files[0]!.text).messages).toEqual([{ role: 'system', content: '{{input}}' }]);
    expect(parse(outcome.files[1]!.text).messages).toEqual([{ role: 'user', content: 'Say C' }]);
  });
});

describe('openai/evals registry: Includes and FuzzyMatch', () => {
  it('Includes: contains (or icontains with ignore_case), a list of ideals as any-of', async () => {
    const outcome = await importOk({
      [`${R}/evals/demo.yaml`]: 'inc.v0:\n  class: evals.elsuite.basic.includes:Includes\n  args:\n    samples_jsonl: inc.jsonl\n    ignore_case: true\n',
      [`${R}/data/inc.jsonl`]: jsonl({ input: [{ role: 'user', content: 'Q1' }], ideal: 'blue' }, { input: [{ role: 'user', content: 'Q2' }], ideal: ['4', 'four'] }),
    });
    const tests = parse(outcome.files[0]!.text).tests;
    expect(tests.map((test: { assert: unknown[] }) => test.assert)).toEqual([[{ icontains: 'blue' }], [{ 'icontains-any': ['4', 'four'] }]]);
    expect(parse(outcome.files[0]!.text).modelParameters).toBeUndefined();
  });

  it('FuzzyMatch: a case-insensitive regex agreeing with evals\' fuzzy_match on these answers, flagged as approximate', async () => {
    const outcome = await importOk({
      [`${R}/evals/demo.yaml`]: 'fz.v0:\n  class: evals.elsuite.basic.fuzzy_match:FuzzyMatch\n  args: {samples_jsonl: fz.jsonl}\n',
      [`${R}/data/fz.jsonl`]: jsonl({ input: [{ role: 'user', content: 'Tallest structure in Paris?' }], ideal: ['The Eiffel Tower', 'Tour Eiffel'] }),
    });
    const file = parse(outcome.files[0]!.text);
    expect(file.modelParameters).toEqual({ temperature: 0, maxTokens: 16 });
    const pattern = file.tests[0].assert[0].regex;
    // normalize(): lower case, punctuation and articles gone, spaces collapsed; then either contains the other.
    const verdicts = {
      'The Eiffel Tower.': true,
      'it is the EIFFEL   tower!': true,
      'Eiffel, the tower': true, // "eiffel tower" after normalize
      'Eiffel': true, // part of the answer
      'tower': true,
      'Tour Eiffel': true,
      'The Louvre': false,
      'Eiffel-Tower': false, // "eiffeltower"
      'Tower Eiffel': false,
      '': false,
    };
    for (const [answer, expected] of Object.entries(verdicts)) expect([answer, check('regex', pattern, answer).pass]).toEqual([answer, expected]);
    expect(outcome.notes).toContainEqual(expect.objectContaining({ kind: 'approximated', file: `${R}/evals/demo.yaml`, line: 2, what: 'eval fz.v0 (fuzzy)' }));
  });
});

// Notes point at a spec's first line (its `class:`), where the YAML node of the spec begins.
describe('openai/evals registry: model-graded specs and what is not carried', () => {
  it('fact → llm-rubric with the ideal; closedqa → one llm-rubric per criterion; both approximate; other classes dropped', async () => {
    const outcome = await importOk({
      [`${R}/evals/demo.yaml`]: [
        'facts.v0:',
        '  class: evals.elsuite.modelgraded.classify:ModelBasedClassify',
        '  args:',
        '    samples_jsonl: f.jsonl',
        '    eval_type: cot_classify',
        '    modelgraded_spec: fact',
        'qa.v0:',
        '  class: evals.elsuite.modelgraded.classify:ModelBasedClassify',
        '  args:',
        '    samples_jsonl: f.jsonl',
        '    modelgraded_spec: closedqa',
        '    modelgraded_spec_args:',
        '      criteria:',
        '        correctness: "correctness: Is the answer correct?"',
        'funny.v0:',
        '  class: evals.elsuite.modelgraded.classify:ModelBasedClassify',
        '  args: {samples_jsonl: f.jsonl, modelgraded_spec: humor}',
        'custom.v0:',
        '  class: my_evals.thing:Thing',
        '  args: {samples_jsonl: f.jsonl}',
        '',
      ].join('\n'),
      [`${R}/data/f.jsonl`]: jsonl({ input: [{ role: 'user', content: 'Who wrote Hamlet?' }], ideal: 'Shakespeare' }),
    });
    expect(outcome.files.map((file) => file.path)).toEqual(['facts.v0.prompt.yaml', 'qa.v0.prompt.yaml']);
    expect(parse(outcome.files[0]!.text).tests[0].assert[0]['llm-rubric']).toMatch(/must not disagree with it\. Expert answer: Shakespeare$/);
    expect(parse(outcome.files[1]!.text).assert).toEqual([{ type: 'llm-rubric', value: 'correctness: Is the answer correct?', name: 'correctness' }]);
    const notes = outcome.notes.filter((note) => note.kind !== 'converted').map((note) => `${note.kind} ${note.line} ${note.what}`);
    expect(notes).toEqual(['approximated 2 eval facts.v0 (fact)', 'approximated 8 eval qa.v0 (closedqa)', 'dropped 16 eval funny.v0', 'dropped 19 eval custom.v0']);
  });
});

describe('openai/evals registry: refused input', () => {
  it('a Git LFS pointer in place of the samples is refused, naming the file', async () => {
    const outcome = await importRegistry({
      [`${R}/evals/demo.yaml`]: 'm.v0:\n  class: evals.elsuite.basic.match:Match\n  args: {samples_jsonl: m.jsonl}\n',
      [`${R}/data/m.jsonl`]: 'version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n',
    });
    expect(outcome).toEqual({ ok: false, refusal: { file: `${R}/data/m.jsonl`, line: 1, message: expect.stringMatching(/^a Git LFS pointer, not the data: run `git lfs pull`/) } });
  });

  it('missing samples are refused at the samples_jsonl line, saying where it looked', async () => {
    const outcome = await importRegistry({
      [`${R}/evals/demo.yaml`]: 'm.v0:\n  class: evals.elsuite.basic.match:Match\n  args:\n    samples_jsonl: gone.jsonl\n',
    });
    expect(outcome).toEqual({
      ok: false,
      refusal: { file: `${R}/evals/demo.yaml`, line: 4, message: `samples_jsonl gone.jsonl: not found (looked for ${R}/data/gone.jsonl and ${R}/evals/gone.jsonl); fetch the registry's data (git lfs pull) or put the file there` },
    });
  });

  it('a sample without a usable ideal is refused at its line', async () => {
    const outcome = await importRegistry({
      [`${R}/evals/demo.yaml`]: 'm.v0:\n  class: evals.elsuite.basic.match:Match\n  args: {samples_jsonl: m.jsonl}\n',
      [`${R}/data/m.jsonl`]: jsonl({ input: 'a', ideal: 'a' }, { input: 'b', ideal: 3 }),
    });
    expect(outcome).toEqual({ ok: false, refusal: { file: `${R}/data/m.jsonl`, line: 2, message: '`ideal` must be a text or a list of texts' } });
  });
});
