// OpenAI Evals API definitions (the eval object and its runs, as retrieved or as created) on small
// files: test/fixtures/import/openai-evals/ (written by hand after the openai SDK's types) and
// objects held in memory.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { importSource } from '../../src/import/import-source.js';
import type { SourceFiles } from '../../src/import/types.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/import/openai-evals');

function memory(files: Record<string, string>): SourceFiles {
  return { read: async (path) => files[path], isDirectory: async () => false };
}

async function fixtureFiles(): Promise<Record<string, string>> {
  return {
    '/e/eval.json': await readFile(resolve(fixtures, 'eval.json'), 'utf8'),
    '/e/run.json': await readFile(resolve(fixtures, 'run.json'), 'utf8'),
  };
}

describe('OpenAI Evals definitions', () => {
  it('a retrieved eval and run: items → tests, {{item.x}} → {{x}}, model and sampling_params, string_check graders; python dropped', async () => {
    const outcome = await importSource('/e/eval.json', memory(await fixtureFiles()), '/e', { runs: ['/e/run.json'] });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusal));
    expect(outcome.format).toBe('OpenAI Evals');
    expect(outcome.files.map((file) => [file.path, file.tests])).toEqual([['capitals-gpt-4.1-capitals.prompt.yaml', 2]]);
    const file = parse(outcome.files[0]!.text);
    expect(file).toMatchObject({
      model: 'gpt-4.1',
      modelParameters: { temperature: 0.2, maxTokens: 64, topP: 1, seed: 7 },
      messages: [
        { role: 'developer', content: 'Answer with the capital city only.' },
        { role: 'user', content: 'What is the capital of {{country}}?' },
      ],
      assert: [
        { type: 'icontains', value: '{{capital}}', name: 'names the capital' },
        { type: 'not-equals', value: 'I cannot help with that.', name: 'not a refusal' },
      ],
      tests: [{ vars: { country: 'France', capital: 'Paris' } }, { vars: { country: 'Japan', capital: 'Tokyo' } }],
    });
    expect(outcome.notes.filter((note) => note.kind !== 'converted').map((note) => `${note.kind} ${note.file}:${note.line} ${note.what}: ${note.detail}`)).toEqual([
      'dropped /e/eval.json:12 grader custom (python): it runs Python, which promptgate does not',
    ]);
  });

  it('the created shape, in one list: file_id items from --data, model graders → llm-rubric with the pass threshold mapped, cosine → similar', async () => {
    const definition = [
      {
        name: 'tone',
        data_source_config: { type: 'custom', item_schema: { type: 'object' }, include_sample_schema: true },
        testing_criteria: [
          { type: 'score_model', name: 'polite', model: 'o3-mini', input: [{ role: 'system', content: 'Rate how polite {{sample.output_text}} is, replying to {{item.message}}.' }], range: [1, 7], pass_threshold: 5.5 },
          { type: 'label_model', name: 'kind', model: 'gpt-4o', input: [{ role: 'user', content: 'Is this kind? {{sample.output_text}}' }], labels: ['kind', 'rude'], passing_labels: ['kind'] },
          { type: 'text_similarity', name: 'close', input: '{{sample.output_text}}', reference: '{{item.reply}}', evaluation_metric: 'cosine', pass_threshold: 0.8 },
          { type: 'text_similarity', name: 'bleu', input: '{{sample.output_text}}', reference: '{{item.reply}}', evaluation_metric: 'bleu', pass_threshold: 0.3 },
        ],
      },
      { data_source: { type: 'completions', model: 'gpt-4o-mini', input_messages: { type: 'template', template: [{ role: 'user', content: 'Reply to: {{item.message}}' }] }, source: { type: 'file_id', id: 'file-abc' } } },
    ];
    const files = { '/e/tone.json': JSON.stringify(definition, null, 2), '/e/items.jsonl': '{"item": {"message": "hi", "reply": "hello"}}\n{"message": "bye", "reply": "goodbye"}\n' };
    const outcome = await importSource('/e/tone.json', memory(files), '/e', { data: { 'file-abc': '/e/items.jsonl' } });
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusal));
    const file = parse(outcome.files[0]!.text);
    expect(file.tests).toEqual([
      { name: 'items.jsonl:1', vars: { message: 'hi', reply: 'hello' } },
      { name: 'items.jsonl:2', vars: { message: 'bye', reply: 'goodbye' } },
    ]);
    expect(file.assert).toEqual([
      { type: 'llm-rubric', value: 'Rate how polite (the answer) is, replying to {{message}}.\n\nScore the answer from 1 to 7.', threshold: 0.75, name: 'polite' },
      { type: 'llm-rubric', value: 'Is this kind? (the answer)\n\nPass only if the label for the answer is one of: kind (labels: kind, rude).', name: 'kind' },
      { type: 'similar', value: '{{reply}}', threshold: 0.8, name: 'close' },
    ]);
    expect(outcome.notes.filter((note) => note.kind !== 'converted').map((note) => `${note.kind} ${note.what}`)).toEqual([
      'approximated grader polite (score_model)',
      'approximated grader kind (label_model)',
      'approximated grader close (text_similarity)',
      'dropped grader bleu (text_similarity)',
    ]);
  });

  it('refuses a file_id without --data, and an unknown grader type, naming the place', async () => {
    const run = { object: 'eval.run', data_source: { type: 'completions', input_messages: { type: 'template', template: [{ role: 'user', content: 'x' }] }, source: { type: 'file_id', id: 'file-xyz' } } };
    const evalObject = { object: 'eval', name: 'e', data_source_config: { type: 'custom' }, testing_criteria: [] };
    const missing = await importSource('/e/all.json', memory({ '/e/all.json': JSON.stringify([evalObject, run], null, 2) }), '/e');
    expect(missing).toMatchObject({ ok: false, refusal: { file: '/e/all.json', message: 'the items are in the uploaded file file-xyz: download it and name it with --data file-xyz=FILE.jsonl' } });
    const unknown = await importSource('/e/all.json', memory({ '/e/all.json': JSON.stringify([{ ...evalObject, testing_criteria: [{ type: 'multi', name: 'm' }] }, run], null, 2) }), '/e');
    expect(unknown).toMatchObject({ ok: false, refusal: { file: '/e/all.json', line: 9, message: 'unknown grader type "multi": not one of string_check, text_similarity, label_model, score_model, python' } });
  });

  it('drops runs over stored completions and jsonl runs, saying why', async () => {
    const evalObject = { object: 'eval', name: 'e', data_source_config: { type: 'stored_completions' }, testing_criteria: [] };
    const stored = { object: 'eval.run', name: 'logs', data_source: { type: 'completions', source: { type: 'stored_completions' } } };
    const jsonlRun = { object: 'eval.run', name: 'graded', data_source: { type: 'jsonl', source: { type: 'file_content', content: [] } } };
    const outcome = await importSource('/e/all.json', memory({ '/e/all.json': JSON.stringify({ object: 'list', data: [evalObject, stored, jsonlRun] }) }), '/e');
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.refusal));
    expect(outcome.files).toEqual([]);
    expect(outcome.notes.map((note) => `${note.kind} ${note.what}`)).toEqual(['dropped data_source_config stored_completions', 'dropped run logs', 'dropped run graded']);
  });
});
