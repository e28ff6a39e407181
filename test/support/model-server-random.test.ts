// The model double's flaky mode (`randomPass`), which the comparison benchmark and tests rest on:
// the rate it is asked for is the rate it answers with, and a seed gives the same answers every run.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { randomAnswers, startModelServer, type ModelServer } from './model-server.js';

const servers: ModelServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function client(seed: number): Promise<OpenAI> {
  const server = await startModelServer({ randomPass: { seed } });
  servers.push(server);
  return new OpenAI({ baseURL: server.url, apiKey: 'sk-random-test', maxRetries: 0 });
}

function ask(openai: OpenAI, system: string, user = 'question'): Promise<string> {
  return openai.chat.completions
    .create({ model: 'flaky', messages: [{ role: 'system', content: system }, { role: 'user', content: user }] })
    .then((completion) => completion.choices[0]?.message.content ?? '');
}

/** `count` answers to one prompt, `parallel` in flight at a time. */
async function answers(openai: OpenAI, system: string, count: number, parallel = 100): Promise<string[]> {
  const all: string[] = [];
  for (let start = 0; start < count; start += parallel) {
    all.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - start) }, () => ask(openai, system)))));
  }
  return all;
}

const passes = (texts: string[]) => texts.filter((text) => text.startsWith('PASS')).length;

describe('the model double answering at random with a set pass rate', () => {
  it('passes as often as the system message asks: 10,000 draws a rate', () => {
    const answer = randomAnswers(7);
    for (const rate of [0.95, 0.7, 0.4]) {
      const messages = [{ role: 'system', content: `You answer questions. pass-rate: ${rate}` }];
      const texts = Array.from({ length: 10_000 }, () => answer('flaky', messages)!);
      // Within 4 standard errors of a fair draw at `rate` (±0.009 to ±0.02): a correct generator
      // stays inside for nearly any seed, and a rate off by 0.03 does not.
      const standardError = Math.sqrt((rate * (1 - rate)) / 10_000);
      expect(Math.abs(passes(texts) / 10_000 - rate)).toBeLessThan(4 * standardError);
    }
  });

  it('answers so through the server: 400 calls at 0.7, each its own text', async () => {
    const openai = await client(7);
    const texts = await answers(openai, 'You answer questions. pass-rate: 0.7', 400);
    // 4 standard errors of 400 draws: ±0.092.
    expect(Math.abs(passes(texts) / 400 - 0.7)).toBeLessThan(4 * Math.sqrt(0.21 / 400));
    expect(texts.filter((text) => !/^(PASS|FAIL) \(answer \d+\)$/.test(text))).toEqual([]);
    // Every answer its own text: a flaky prompt must not look like a model that answers steadily.
    expect(new Set(texts).size).toBe(400);
  });

  it('always passes at 1 and never at 0', async () => {
    const openai = await client(1);
    expect(passes(await answers(openai, 'pass-rate: 1', 40))).toBe(40);
    expect(passes(await answers(openai, 'pass-rate: 0.0', 40))).toBe(0);
  });

  it('gives a prompt the same answers for the same seed however its calls interleave with others, and other answers for another seed', async () => {
    const a = 'Prompt A. pass-rate: 0.5';
    const b = 'Prompt B. pass-rate: 0.5';
    const first = await client(42);
    const aFirst = await answers(first, a, 30, 1);
    const bFirst = await answers(first, b, 30, 1);

    const second = await client(42);
    const aSecond: string[] = [];
    const bSecond: string[] = [];
    // B before A, one call of each in turn.
    for (let i = 0; i < 30; i++) {
      bSecond.push(await ask(second, b));
      aSecond.push(await ask(second, a));
    }
    expect(aSecond).toEqual(aFirst);
    expect(bSecond).toEqual(bFirst);
    // Two prompts at the same rate draw from streams of their own.
    expect(aFirst.map((text) => text.slice(0, 4))).not.toEqual(bFirst.map((text) => text.slice(0, 4)));

    const other = await client(43);
    expect((await answers(other, a, 30, 1)).map((text) => text.slice(0, 4))).not.toEqual(aFirst.map((text) => text.slice(0, 4)));
  });

  it('answers as usual without the marker, or with it only in a user message, or with a rate outside [0, 1]', async () => {
    const openai = await client(3);
    expect(await ask(openai, 'You answer questions.', 'hello')).toBe('echo: hello');
    expect(await ask(openai, 'You answer questions.', 'pass-rate: 0.5')).toBe('echo: pass-rate: 0.5');
    expect(await ask(openai, 'pass-rate: 1.5', 'hello')).toBe('echo: hello');
  });
});
