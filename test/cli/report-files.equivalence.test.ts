// The report files a run streams to disk, result by result, against the reporters that render a
// whole report in memory (what the Action uses): the same bytes, so the JSON is the same value,
// keys in the same order, and it validates against the schema.
import { mkdtemp, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ReportFiles } from '../../src/cli/report-files.js';
import { digestReport } from '../../src/report/digest.js';
import { toJson } from '../../src/report/json.js';
import { toJUnit } from '../../src/report/junit.js';
import { toMarkdown } from '../../src/report/markdown.js';
import type { RunReport } from '../../src/types.js';
import { buildCostedReport, buildReport, erroredTest, failingTest, flakyTest, passingTest } from '../report/fixtures.js';

async function streamed(report: RunReport): Promise<{ json: string; junit: string; markdown: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'promptgate-streamed-'));
  const files = ReportFiles.open({ json: 'out/results.json', junit: 'out/junit.xml', markdown: 'out/summary.md' }, dir);
  for (const result of report.results) files.add(result);
  const { results: _results, ...head } = report;
  expect(files.finish(head, digestReport(report))).toEqual([]);
  const read = (path: string) => readFile(join(dir, path), 'utf8');
  return { json: await read('out/results.json'), junit: await read('out/junit.xml'), markdown: await read('out/summary.md') };
}

const schema = JSON.parse(readFileSync(new URL('../../schema/results.schema.json', import.meta.url), 'utf8')) as object;

function validate(document: unknown): unknown[] {
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajvFormats.default(ajv);
  const check = ajv.compile(schema);
  check(document);
  return check.errors ?? [];
}

/** Text that has tripped writers up: line breaks, quotes, markup, characters outside the BMP, separators JSON leaves as they are. */
function hostileReport(): RunReport {
  const output = 'line one\nline "two"\r\n\t</testcase>]]> <b>&amp;</b> 🎉 \u2028\u2029 \\ end';
  return buildReport([
    passingTest({ file: 'prompts/ä ö.prompt.yaml', test: 'ünïcode ✓', output }),
    failingTest({ output, vars: { big: 12345678901234567890n, nested: { list: [1, 'two', null] } } }),
    flakyTest(),
    erroredTest({ error: 'HTTP 500: <html>\n  <body>"oops"</body>\n</html>' }),
  ]);
}

describe('report files streamed to disk', () => {
  it.each([
    ['every status: passed, failed, flaky, errored', buildReport()],
    ['costs, judge usage and unpriced models', { ...buildCostedReport(), summary: { ...buildCostedReport().summary, unpricedModels: ['acme/llm-9'] } }],
    ['hostile text', hostileReport()],
    ['no results at all', buildReport([])],
    ['one file with every status', buildReport([passingTest(), failingTest(), flakyTest({ file: passingTest().file, testIndex: 2 }), erroredTest({ file: passingTest().file, testIndex: 3 })])],
  ])('are byte for byte what the in-memory reporters write: %s', async (_name, report) => {
    const files = await streamed(report);
    expect(files.json).toBe(toJson(report));
    expect(files.junit).toBe(toJUnit(report));
    expect(files.markdown).toBe(toMarkdown(report));
  });

  it('writes JSON that parses to the same value and validates against the schema', async () => {
    const report = buildCostedReport();
    const { json } = await streamed(report);
    expect(JSON.parse(json)).toEqual(JSON.parse(toJson(report)));
    expect(validate(JSON.parse(json))).toEqual([]);
  });

  it('puts many results together whole, past the size at which the spool writes to disk', async () => {
    const results = Array.from({ length: 3000 }, (_, index) =>
      (index % 7 === 3 ? failingTest : passingTest)({ file: `prompts/file-${String(Math.floor(index / 500)).padStart(2, '0')}.prompt.yaml`, testIndex: index, output: `answer ${index} `.repeat(40) }),
    );
    const report = buildReport(results);
    const files = await streamed(report);
    expect(files.json.length).toBeGreaterThan(2 * 1024 * 1024);
    expect(files.json).toBe(toJson(report));
    expect(files.junit).toBe(toJUnit(report));
  });
});
