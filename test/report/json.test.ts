import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/report/json.js';
import type { RunReport } from '../../src/types.js';
import { buildCostedReport, buildReport, failingTest } from './fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/results.schema.json', import.meta.url), 'utf8')) as object;

// ajv-formats is CommonJS: under NodeNext the default import is module.exports, which carries the plugin as `.default`.
const addFormats = ajvFormats.default;

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('toJson', () => {
  it('writes a report that validates against schema/results.schema.json', () => {
    const validate = validator();
    const valid = validate(JSON.parse(toJson(buildReport())));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('validates a report with costs, judge usage, unpriced models and an errored assertion', () => {
    const report = buildCostedReport();
    report.summary.unpricedModels = ['acme/llm-9'];
    report.results[1]!.assertions.push({ type: 'llm-rubric', pass: false, score: 0, reason: 'the judge answered no verdict', errored: true });
    const validate = validator();
    const valid = validate(JSON.parse(toJson(report)));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('rejects negative costs and misspelt judge fields', () => {
    const validate = validator();
    const report = JSON.parse(toJson(buildCostedReport())) as Record<string, any>;

    const negative = structuredClone(report);
    negative.results[0].cost = -0.01;
    expect(validate(negative)).toBe(false);

    const misspelt = structuredClone(report);
    misspelt.results[1].samples[0].judge.call = 2;
    expect(validate(misspelt)).toBe(false);

    const judgeWithoutRequests = structuredClone(report);
    delete judgeWithoutRequests.summary.judge.requests;
    expect(validate(judgeWithoutRequests)).toBe(false);
  });

  it('produces documents the schema rejects when they are broken', () => {
    const validate = validator();
    const report = JSON.parse(toJson(buildReport())) as Record<string, any>;

    const wrongStatus = structuredClone(report);
    wrongStatus.results[0].status = 'skipped';
    expect(validate(wrongStatus)).toBe(false);

    const passingWhileFailed = structuredClone(report);
    passingWhileFailed.results[1].pass = true;
    expect(validate(passingWhileFailed)).toBe(false);

    const missingSummaryField = structuredClone(report);
    delete missingSummaryField.summary.cacheHits;
    expect(validate(missingSummaryField)).toBe(false);

    const badDate = structuredClone(report);
    badDate.startedAt = 'yesterday';
    expect(validate(badDate)).toBe(false);

    const futureVersion = structuredClone(report);
    futureVersion.schemaVersion = 2;
    expect(validate(futureVersion)).toBe(false);
  });

  it('uses 2-space indentation and the key order of the types, whatever order the objects were built in', () => {
    const built = buildReport([failingTest()]);
    const result = built.results[0]!;
    const shuffled: RunReport = {
      results: [{ ...result, tokens: { total: 85, completion: 25, prompt: 60 } }],
      summary: { ...built.summary },
      startedAt: built.startedAt,
      tool: { version: '0.1.0', name: 'promptgate' },
      schemaVersion: 1,
    };
    // Move the first keys to the end so the built order differs from the declared one.
    const { file, suite, ...rest } = shuffled.results[0]!;
    shuffled.results[0] = { ...rest, suite, file };
    const { total, passed, ...summaryRest } = shuffled.summary;
    shuffled.summary = { ...summaryRest, passed, total };

    const json = toJson(shuffled);
    expect(json).toStartWith('{\n  "schemaVersion": 1,\n  "tool": {\n    "name": "promptgate",\n    "version": "0.1.0"\n  },\n  "startedAt"');
    expect(json).toContain('\n      "tokens": {\n        "prompt": 60,\n        "completion": 25,\n        "total": 85\n      }\n');
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed.summary)).toEqual([
      'total', 'passed', 'failed', 'errored', 'flaky', 'passRate', 'tokens', 'requests', 'cacheHits', 'durationMs',
    ]);
    expect(Object.keys(parsed.results[0])).toEqual([
      'file', 'suite', 'test', 'testIndex', 'line', 'vars', 'status', 'pass', 'flaky', 'passRate', 'minPassRate',
      'output', 'assertions', 'samples', 'latencyMs', 'tokens',
    ]);
  });

  it('keeps fields it does not know, after the known ones', () => {
    const report = buildReport([failingTest({ ...({ laterField: 'x' } as object) })]);
    const keys = Object.keys(JSON.parse(toJson(report)).results[0]);
    expect(keys.at(-1)).toBe('laterField');
  });

  it('writes BigInt vars as strings instead of throwing', () => {
    const report = buildReport([failingTest({ vars: { big: 12345678901234567890n } })]);
    expect(JSON.parse(toJson(report)).results[0].vars).toEqual({ big: '12345678901234567890' });
  });
});
