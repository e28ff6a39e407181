import { describe, expect, it } from 'vitest';
import { usageByFile } from '../../src/report/usage-by-file.js';
import { buildCostedReport, erroredTest, failingTest, flakyTest, passingTest } from './fixtures.js';

describe('usageByFile', () => {
  it('sums tokens, cost and judge usage per file, in the order files first appear', () => {
    const files = usageByFile(buildCostedReport().results);
    expect(files.map((file) => file.file)).toEqual(['prompts/refund.prompt.yaml', 'prompts/summary.prompt.yml']);
    const [refund, summary] = files;
    expect(refund!.tests).toBe(2);
    expect(refund!.tokens).toEqual({ prompt: 110, completion: 45, total: 155 });
    expect(refund!.cost).toBeCloseTo(0.0015, 12);
    expect(refund!.judge).toEqual({ calls: 2, tokens: { prompt: 300, completion: 20, total: 320 }, cost: 0.00005 });
    expect(summary).toEqual({ file: 'prompts/summary.prompt.yml', tests: 2, tokens: { prompt: 250, completion: 100, total: 350 }, cost: 0.002 });
  });

  it('leaves cost and judge out when no result in the file has them', () => {
    expect(usageByFile([passingTest(), failingTest()])).toEqual([
      { file: 'prompts/refund.prompt.yaml', tests: 2, tokens: { prompt: 110, completion: 45, total: 155 } },
    ]);
  });

  it('keeps a file together when its results are not adjacent', () => {
    const files = usageByFile([flakyTest(), passingTest(), erroredTest()]);
    expect(files.map((file) => [file.file, file.tests])).toEqual([
      ['prompts/summary.prompt.yml', 2],
      ['prompts/refund.prompt.yaml', 1],
    ]);
  });

  it('adds judge usage across tests, with cost only when one was priced', () => {
    const judged = (calls: number, cost?: number) => ({ calls, tokens: { prompt: 10, completion: 5, total: 15 }, ...(cost === undefined ? {} : { cost }) });
    const [unpriced] = usageByFile([passingTest({ judge: judged(1) }), failingTest({ judge: judged(2) })]);
    expect(unpriced!.judge).toEqual({ calls: 3, tokens: { prompt: 20, completion: 10, total: 30 } });
    const [partly] = usageByFile([passingTest({ judge: judged(1) }), failingTest({ judge: judged(2, 0.25) })]);
    expect(partly!.judge).toEqual({ calls: 3, tokens: { prompt: 20, completion: 10, total: 30 }, cost: 0.25 });
  });

  it('is empty for no results', () => {
    expect(usageByFile([])).toEqual([]);
  });
});
