import { describe, expect, it } from 'vitest';
import { assignShards, parseShard, runFingerprint, shardCases } from '../../src/shard/partition.js';
import type { Case } from '../../src/types.js';

/** A small deterministic generator, so the shuffles are the same on every machine. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = generator(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Cases of `files` files of `tests` tests, each test 1–5 samples, for `models` models. */
function plannedCases(files: number, tests: number, models: string[]): Case[] {
  const random = generator(7);
  const cases: Case[] = [];
  for (let f = 0; f < files; f++) {
    const suite = { file: `prompts/file-${f}.prompt.yaml` } as Case['suite'];
    for (let t = 0; t < tests; t++) {
      const repeat = 1 + Math.floor(random() * 5);
      const test = { index: t, name: `test ${t}` } as Case['test'];
      for (const model of models) {
        for (let sample = 0; sample < repeat; sample++) {
          cases.push({ suite, test, sample, model, messages: [{ role: 'user', content: `question ${f}.${t}` }], parameters: {}, assert: [] } as Case);
        }
      }
    }
  }
  return cases;
}

const testOf = (testCase: Case) => `${testCase.suite.file}#${testCase.test.index}`;
const caseKey = (testCase: Case) => `${testOf(testCase)}#${testCase.model}#${testCase.sample}`;

describe('shardCases', () => {
  const cases = plannedCases(6, 23, ['small', 'large']);

  it.each([1, 2, 3, 4, 7, 16, 300])('the %i parts are disjoint and cover every case', (count) => {
    const parts = Array.from({ length: count }, (_, i) => shardCases(cases, { index: i + 1, count }).cases);
    const keys = parts.flat().map(caseKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(cases.map(caseKey).sort());
  });

  it('keeps every sample and model of a test in one part', () => {
    const parts = Array.from({ length: 5 }, (_, i) => shardCases(cases, { index: i + 1, count: 5 }).cases);
    const home = new Map<string, number>();
    parts.forEach((part, shard) => {
      for (const testCase of part) {
        expect(home.get(testOf(testCase)) ?? shard, testOf(testCase)).toBe(shard);
        home.set(testOf(testCase), shard);
      }
    });
  });

  it('gives each test the same part, and the run the same fingerprint, whatever order the files were found in', () => {
    const reference = assignShards(cases, 4);
    for (const seed of [1, 2, 3]) {
      const other = shuffled(cases, seed);
      expect(assignShards(other, 4)).toEqual(reference);
      expect(runFingerprint(other)).toBe(runFingerprint(cases));
      expect(shardCases(other, { index: 2, count: 4 }).cases.map(caseKey).sort()).toEqual(shardCases(cases, { index: 2, count: 4 }).cases.map(caseKey).sort());
    }
  });

  it('balances the parts by calls: the largest exceeds the smallest by at most one test', () => {
    const parts = Array.from({ length: 4 }, (_, i) => shardCases(cases, { index: i + 1, count: 4 }).cases.length);
    // The costliest test here has 5 samples × 2 models.
    expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(10);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(cases.length);
  });

  it('fingerprints what was selected: another selection, model, repeat or message is another run', () => {
    const fingerprint = runFingerprint(cases);
    expect(runFingerprint(cases.slice(1))).not.toBe(fingerprint);
    expect(runFingerprint(cases.map((c, i) => (i === 0 ? { ...c, model: 'other' } : c)))).not.toBe(fingerprint);
    expect(runFingerprint(cases.map((c, i) => (i === 0 ? { ...c, messages: [{ role: 'user', content: 'edited' }] } : c)))).not.toBe(fingerprint);
    expect(shardCases(cases, { index: 1, count: 3 }).record).toEqual({ index: 1, count: 3, run: fingerprint });
  });
});

describe('parseShard', () => {
  it('reads i/N', () => {
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
  });

  it.each([
    ['0/4', /numbered from 1 to 4/],
    ['5/4', /numbered from 1 to 4/],
    ['1/0', /from 1 to 256/],
    ['x', /takes i\/N/],
    ['1.5/4', /takes i\/N/],
    ['-1/4', /takes i\/N/],
    ['1/257', /from 1 to 256/],
  ])('refuses %s', (raw, message) => {
    const parsed = parseShard(raw);
    expect('problem' in parsed ? parsed.problem : 'accepted').toMatch(message);
  });
});
