// A run refused before any call (exit code 2) still writes the report files it was asked for, with
// the problems, so a CI test reporter says why nothing ran: a results document with no results and
// the problems, JUnit with one failing testcase per error at its file and line, Markdown listing
// them. Never over a file the run reads; a report path that is itself the problem is left alone.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAll, parseXml } from '../report/xml-check.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { repoRoot, runCli, scratchProject } from './run-cli.js';

// Line 10, column 9: a misspelled assertion type (an error); line 11, column 5: a test without
// assertions (a warning).
const INVALID = `name: Questions
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: first
    vars: { question: say yes }
    assert:
      - contain: "yes"
  - name: second
    vars: { question: say no }
`;

const VALID = `name: Questions
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: first
    vars: { question: say yes }
    assert:
      - contains: "yes"
`;

const REPORTS = ['--output', 'out/results.json', '--junit', 'out/junit.xml', '--markdown', 'out/summary.md'];

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({ rules: [{ match: /say yes/, reply: 'yes' }] });
});
afterAll(() => server.close());

function modelEnv() {
  return { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test-secret-1234' };
}

async function project(files: Record<string, string>): Promise<string> {
  const dir = await scratchProject();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function validateResults(report: unknown): Promise<void> {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajvFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(join(repoRoot, 'schema/results.schema.json'), 'utf8')) as object);
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
}

describe('a run refused for invalid prompt files', () => {
  it('writes the JSON, JUnit and Markdown reports with the problems, and sends nothing', async () => {
    const dir = await project({ 'questions.prompt.yaml': INVALID });
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--no-cache', ...REPORTS], { cwd: dir, env: modelEnv() });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('questions.prompt.yaml:10:9: error: unknown assertion type "contain"');
    expect(server.stats.requests).toBe(requestsBefore);

    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    await validateResults(report);
    expect(report.results).toEqual([]);
    expect(report.summary).toMatchObject({ total: 0, passed: 0, failed: 0, errored: 0 });
    expect(report.problems).toEqual([
      { file: 'questions.prompt.yaml', line: 10, column: 9, severity: 'error', message: 'unknown assertion type "contain"; did you mean "contains"?' },
      { file: 'questions.prompt.yaml', line: 11, column: 5, severity: 'warning', message: expect.stringMatching(/^test "second" has no assertion/) },
    ]);

    const root = parseXml(await readFile(join(dir, 'out/junit.xml'), 'utf8'));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ name: 'promptgate', tests: '1', failures: '1', errors: '0' });
    const [suite, ...others] = findAll(root, 'testsuite');
    expect(others).toEqual([]);
    expect(suite!.attributes).toMatchObject({ name: 'questions.prompt.yaml', tests: '1', failures: '1' });
    const cases = findAll(suite!, 'testcase');
    expect(cases.map((testcase) => testcase.attributes)).toEqual([
      expect.objectContaining({ classname: 'questions.prompt.yaml', file: 'questions.prompt.yaml', line: '10', name: '10:9: unknown assertion type "contain"; did you mean "contains"?' }),
    ]);
    const failure = findAll(cases[0]!, 'failure')[0]!;
    expect(failure.attributes).toMatchObject({ type: 'invalid-input', message: 'unknown assertion type "contain"; did you mean "contains"?' });
    expect(failure.text).toBe('questions.prompt.yaml:10:9: error: unknown assertion type "contain"; did you mean "contains"?');
    // The warning does not fail anything: it is the file's output.
    expect(findAll(suite!, 'system-out').map((out) => out.text)).toEqual([expect.stringMatching(/^questions\.prompt\.yaml:11:5: warning: test "second" has no assertion/)]);

    const markdown = await readFile(join(dir, 'out/summary.md'), 'utf8');
    expect(markdown).toMatch(/^## ❌ promptgate: nothing was run \(1 error, 1 warning\)\n/);
    expect(markdown).toContain('Nothing was sent to the model.');
    expect(markdown).toContain('questions.prompt.yaml:10:9: error: unknown assertion type "contain"; did you mean "contains"?\n');
    expect(markdown).toContain('questions.prompt.yaml:11:5: warning: test "second" has no assertion');
  });

  it('never writes a report over a prompt file, and says so', async () => {
    const dir = await project({ 'questions.prompt.yaml': INVALID });
    // --junit: `-o` (--output) takes .json, .xml and .md paths only, and refuses this one for its extension.
    const result = await runCli(['run', '.', '--no-cache', '--junit', 'questions.prompt.yaml', '--markdown', 'out/summary.md'], { cwd: dir, env: modelEnv() });

    expect(result.code).toBe(2);
    expect(await readFile(join(dir, 'questions.prompt.yaml'), 'utf8')).toBe(INVALID);
    expect(result.stderr).toContain('promptgate: --junit questions.prompt.yaml was not written: the run reads that file; choose another path.');
    expect(await readFile(join(dir, 'out/summary.md'), 'utf8')).toContain('unknown assertion type "contain"');
  });
});

describe('a run refused for what was asked of it', () => {
  it('reports an unknown --test as a problem of the call itself, at no file', async () => {
    const dir = await project({ 'questions.prompt.yaml': VALID });
    const result = await runCli(['run', '.', '--no-cache', '-t', 'frist', ...REPORTS], { cwd: dir, env: modelEnv() });

    expect(result.code).toBe(2);
    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    await validateResults(report);
    expect(report.problems).toEqual([{ file: '', line: 0, column: 0, severity: 'error', message: expect.stringContaining('no test named "frist"') }]);
    const root = parseXml(await readFile(join(dir, 'out/junit.xml'), 'utf8'));
    const cases = findAll(root, 'testcase');
    expect(cases).toHaveLength(1);
    expect(cases[0]!.attributes).toMatchObject({ classname: 'promptgate', name: expect.stringContaining('no test named "frist"') });
    expect(cases[0]!.attributes.file).toBeUndefined();
    expect(await readFile(join(dir, 'out/summary.md'), 'utf8')).toContain('promptgate: error: no test named "frist"');
  });

  it('writes the reports for a config file with an error, before the prompt files are read', async () => {
    const dir = await project({ 'questions.prompt.yaml': VALID, 'promptgate.config.yaml': 'concurency: 3\n' });
    const result = await runCli(['run', '.', '--no-cache', ...REPORTS], { cwd: dir, env: modelEnv() });

    expect(result.code).toBe(2);
    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    await validateResults(report);
    expect(report.problems).toEqual([{ file: 'promptgate.config.yaml', line: 1, column: 1, severity: 'error', message: expect.stringContaining('unknown property "concurency"') }]);
    expect(findAll(parseXml(await readFile(join(dir, 'out/junit.xml'), 'utf8')), 'testcase')[0]!.attributes).toMatchObject({ file: 'promptgate.config.yaml', line: '1' });
  });

  it('writes the reports for a usage error (no API key), and leaves any YAML path alone', async () => {
    const dir = await project({ 'questions.prompt.yaml': VALID });
    const result = await runCli(['run', '.', '--no-cache', '--output', 'out/results.json', '--junit', 'other.prompt.yaml'], { cwd: dir, env: {} });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('promptgate: no API key for https://api.openai.com/v1');
    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    expect(report.problems).toEqual([{ file: '', line: 0, column: 0, severity: 'error', message: expect.stringMatching(/^no API key for https:\/\/api\.openai\.com\/v1: set OPENAI_API_KEY/) }]);
    // The files are not read yet, so a YAML path may be a prompt file: a report never becomes one.
    expect(existsSync(join(dir, 'other.prompt.yaml'))).toBe(false);
    expect(result.stderr).toContain('promptgate: --junit other.prompt.yaml was not written: it is named like a prompt file or the config file (YAML); choose another path.');
  });

  it('keeps a report path that cannot be written as the error, said once, and writes the others with it', async () => {
    const dir = await project({ 'questions.prompt.yaml': VALID });
    await mkdir(join(dir, 'taken'));
    const requestsBefore = server.stats.requests;
    const result = await runCli(['run', '.', '--no-cache', '--junit', 'taken', '--output', 'out/results.json'], { cwd: dir, env: modelEnv() });

    expect(result.code).toBe(2);
    expect(result.stderr.match(/--junit taken/g)).toHaveLength(1);
    expect(result.stderr).toMatch(/promptgate: --junit taken cannot be written: .*taken is a directory/);
    const report = JSON.parse(await readFile(join(dir, 'out/results.json'), 'utf8'));
    expect(report.problems).toEqual([{ file: '', line: 0, column: 0, severity: 'error', message: expect.stringMatching(/^--junit taken cannot be written: .*taken is a directory/) }]);
    expect(server.stats.requests).toBe(requestsBefore);
  });
});
