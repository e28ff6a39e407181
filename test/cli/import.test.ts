// `promptgate import` end to end through dist/cli.js: promptfoo's own example configs, read where
// they are (../shared/fixtures/promptfoo-examples, never copied), imported, validated, and run
// against the model double.
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../support/model-server.js';
import { repoRoot, runCli, scratchProject } from './run-cli.js';

const examples = resolve(repoRoot, '../shared/fixtures/promptfoo-examples');

const isRubricJudge = (request: ReceivedRequest) =>
  (request.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name === 'llm_rubric_verdict';

let server: ModelServer;
let project: string;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      { match: isRubricJudge, reply: '{"reason":"Meets the rubric.","pass":true,"score":1}' },
      { match: /English to French: Hello world|Translate to French: Hello world/, reply: 'Bonjour le monde' },
      { match: /Spanish: Where is the library/, reply: '¿DÓNDE ESTÁ LA BIBLIOTECA?' },
      { match: /come alive with wind/, reply: 'You are an echo.' },
      { match: /The more of this there is/, reply: 'It is darkness.' },
    ],
    defaultReply: 'I am not sure.',
  });
  project = await scratchProject();
});
afterAll(async () => {
  await server.close();
  await rm(project, { recursive: true, force: true });
});

const env = () => ({ OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-cli-import-1234' });

describe('importing promptfoo\'s example configs', () => {
  it.each([
    ['getting-started', 4, 8],
    ['simple-cli', 2, 8],
    ['gpt-4o-vs-4o-mini', 2, 30],
  ])('%s: writes prompt files that validate and run against the model double', async (example, files, tests) => {
    const out = join('imported', example);
    const imported = await runCli(['import', join(examples, example), '--out', out], { cwd: project });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(new RegExp(`\\(promptfoo\\): ${files} files, ${tests} tests\\.`));
    expect(imported.stdout).toMatch(/Approximated: 0\nNot converted: 0\n$/);
    expect(imported.code).toBe(0);
    expect((await readdir(join(project, out))).filter((name) => name.endsWith('.prompt.yaml'))).toHaveLength(files);

    const validated = await runCli(['validate', out], { cwd: project });
    expect(validated.stderr).not.toMatch(/: error:/);
    expect(validated.stdout).toBe(`${files} files valid, ${tests} tests.\n`);

    const run = await runCli(['run', out, '--no-cache', '-o', `${example}.json`], { cwd: project, env: env() });
    expect(run.stderr).not.toMatch(/errored|internal error/);
    const report = JSON.parse(await readFile(join(project, `${example}.json`), 'utf8'));
    expect(report.summary).toMatchObject({ total: tests, passed: tests, failed: 0, errored: 0 });
    expect(run.code).toBe(0);
  });

  it('sends what promptfoo sends: temperature 0 and 1024 tokens to gpt-4.1, neither to o4-mini', async () => {
    const models = new Map(server.requests.filter((request) => request.kind === 'chat' && !isRubricJudge(request)).map((request) => [request.body.model, request.body]));
    expect(models.get('gpt-4.1')).toMatchObject({ temperature: 0, max_tokens: 1024 });
    expect(models.get('o4-mini')).not.toHaveProperty('temperature');
    expect(models.get('o4-mini')).not.toHaveProperty('max_tokens');
    expect(models.get('o4-mini')).not.toHaveProperty('max_completion_tokens');
  });

  it('fails the imported tests a wrong answer fails, as promptfoo would', async () => {
    const wrong = await startModelServer({
      rules: [{ match: isRubricJudge, reply: '{"reason":"Meets the rubric.","pass":true,"score":1}' }],
      defaultReply: 'I am not sure.',
    });
    try {
      const run = await runCli(['run', 'imported/gpt-4o-vs-4o-mini', '--no-cache', '-o', 'wrong.json'], { cwd: project, env: { OPENAI_BASE_URL: wrong.url, OPENAI_API_KEY: 'sk-cli-import-1234' } });
      const report = JSON.parse(await readFile(join(project, 'wrong.json'), 'utf8'));
      // `contains: echo` and `contains: darkness`, for each of the two models.
      expect(report.summary).toMatchObject({ total: 30, passed: 26, failed: 4 });
      const failing = report.results.filter((result: { status: string }) => result.status === 'failed');
      expect(failing.map((result: { vars: { riddle: string } }) => result.vars.riddle.slice(0, 20)).sort()).toEqual([
        'I speak without a mo',
        'I speak without a mo',
        'The more of this the',
        'The more of this the',
      ]);
      expect(run.code).toBe(1);
    } finally {
      await wrong.close();
    }
  });

  it('never overwrites: a second import names the files that exist and writes nothing', async () => {
    const out = 'again';
    await runCli(['import', join(examples, 'simple-cli'), '--out', out], { cwd: project });
    const mine = join(project, out, 'simple-test-prompt2.prompt.yaml');
    await writeFile(mine, 'mine\n');
    await rm(join(project, out, 'simple-test-prompt1.prompt.yaml'));
    const again = await runCli(['import', join(examples, 'simple-cli'), '--out', out], { cwd: project });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/this file exists, and import never overwrites:\n {2}again\/simple-test-prompt2\.prompt\.yaml\n/);
    expect(await readFile(mine, 'utf8')).toBe('mine\n');
    expect(await readdir(join(project, out))).toEqual(['simple-test-prompt2.prompt.yaml']);
  });

  it('refuses a file that is not a promptfoo config, naming it, with exit 2', async () => {
    await writeFile(join(project, 'notes.yaml'), 'title: shopping list\nitems: [milk]\n');
    const result = await runCli(['import', 'notes.yaml', '--out', 'x'], { cwd: project });
    expect(result.stderr).toBe('notes.yaml:1: notes.yaml is none of the formats promptgate imports: a promptfoo config has prompts, providers or tests; an openai/evals registry file has eval specs with `class` and `args`; an OpenAI Evals definition has `object: eval` or `eval.run`\nNothing was written.\n');
    expect(result.code).toBe(2);
  });
});

describe('importing an OpenAI eval and its run (test/fixtures/import/openai-evals)', () => {
  const fixtures = resolve(repoRoot, 'test/fixtures/import/openai-evals');

  it('writes a file that runs against the model double, graded as the eval\'s string checks would; the python grader reported', async () => {
    const imported = await runCli(['import', join(fixtures, 'eval.json'), '--run', join(fixtures, 'run.json'), '--out', 'oai'], { cwd: project });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toMatch(/\(OpenAI Evals\): 1 file, 2 tests\./);
    expect(imported.stdout).toMatch(/Not converted: 1\n .*eval\.json:12 {2}grader custom \(python\): it runs Python/);
    expect(imported.code).toBe(1);
    const capitals = await startModelServer({ rules: [{ match: /capital of France/, reply: 'paris' }], defaultReply: 'I cannot help with that.' });
    try {
      await runCli(['run', 'oai', '--no-cache', '-o', 'oai.json'], { cwd: project, env: { OPENAI_BASE_URL: capitals.url, OPENAI_API_KEY: 'sk-cli-import-1234' } });
      const report = JSON.parse(await readFile(join(project, 'oai.json'), 'utf8'));
      // France: "paris" ilike "Paris" passes; Japan: the refusal fails both checks.
      expect(report.results.map((result: { status: string }) => result.status)).toEqual(['passed', 'failed']);
      expect(capitals.requests[0]!.body).toMatchObject({ model: 'gpt-4.1', temperature: 0.2, seed: 7, top_p: 1 });
    } finally {
      await capitals.close();
    }
  });

  it('a file_id without --data is exit 2, naming what to pass, nothing written', async () => {
    await writeFile(join(project, 'byid.json'), JSON.stringify([{ object: 'eval', name: 'e', data_source_config: { type: 'custom' }, testing_criteria: [] }, { object: 'eval.run', data_source: { type: 'completions', input_messages: { type: 'template', template: [{ role: 'user', content: 'x' }] }, source: { type: 'file_id', id: 'file-9' } } }]));
    const result = await runCli(['import', 'byid.json', '--out', 'byid'], { cwd: project });
    expect(result.stderr).toBe('byid.json:1: the items are in the uploaded file file-9: download it and name it with --data file-9=FILE.jsonl\nNothing was written.\n');
    expect(result.code).toBe(2);
  });
});
