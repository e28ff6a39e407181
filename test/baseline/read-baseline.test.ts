import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineFilesAmong, readBaseline } from '../../src/baseline/read-baseline.js';
import { toJson } from '../../src/report/json.js';
import { buildReport, failingTest, passingTest } from '../report/fixtures.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'promptgate-baseline-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, text: string) {
  await writeFile(join(dir, name), text);
  return readBaseline(join(dir, name), name);
}

const problemOf = (result: Awaited<ReturnType<typeof readBaseline>>) => (result.ok ? 'ok' : `${result.problem.line}:${result.problem.column} ${result.problem.message}`);

describe('readBaseline', () => {
  it('reads a results file as promptgate writes it', async () => {
    const report = buildReport();
    const result = await read('ok.json', toJson(report));
    expect(result.ok && result.report.results.map((test) => test.test)).toEqual(report.results.map((test) => test.test));
  });

  it('reads a results file whose tests have tags, as a run of tagged prompt files writes it', async () => {
    const report = buildReport([passingTest({ tags: ['safety', 'billing'] }), failingTest()]);
    const result = await read('tagged.json', toJson(report));
    expect(result.ok ? result.report.results.map((test) => test.tags) : result.problem.message).toEqual([['safety', 'billing'], undefined]);
  });

  it('refuses text that is not JSON, with the parser’s reason and not the text around it', async () => {
    expect(problemOf(await read('bad.json', '{\n  "tool": oops\n}'))).toMatch(/^\d+:\d+ not a promptgate results file: it is not JSON \(Unexpected token 'o'\); write one with `promptgate run --output FILE`/);
  });

  it('refuses JSON that another tool wrote, and a results file of another schema version', async () => {
    expect(problemOf(await read('other.json', '{"results": []}'))).toMatch(/^1:1 not a promptgate results file \(it has no "tool": \{ "name": "promptgate" \}\)/);
    expect(problemOf(await read('v2.json', '{"schemaVersion": 2, "tool": {"name": "promptgate", "version": "9.0.0"}}'))).toBe(
      '1:1 a results file of schema version 2; this promptgate reads version 1: write the baseline again with this version',
    );
  });

  it('refuses a promptgate-looking file that does not match the results schema, saying where', async () => {
    const broken = JSON.parse(toJson(buildReport())) as { results: { samples: unknown }[] };
    broken.results[0]!.samples = 'none';
    expect(problemOf(await read('broken.json', JSON.stringify(broken)))).toMatch(/^1:1 not a valid promptgate results file: must be array at \/results\/0\/samples;/);
  });

  it('says when the file does not exist', async () => {
    expect(problemOf(await readBaseline(join(dir, 'missing.json'), 'missing.json'))).toBe('0:0 no such baseline file; write one with `promptgate run --output FILE` on the release you compare with');
  });

  it('names the selected files the baseline has', () => {
    const report = buildReport();
    expect(baselineFilesAmong(report, ['prompts/summary.prompt.yml', 'prompts/new.prompt.yml'])).toEqual(['prompts/summary.prompt.yml']);
  });
});
