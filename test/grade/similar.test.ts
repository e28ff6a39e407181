import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { API_KEY, runGraded, withTempDir } from './support.js';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function suite(assertion: string, reply = 'unused'): string {
  void reply;
  return `name: s\nmodel: gpt-test\nmessages:\n  - role: user\n    content: "{{q}}"\ntests:\n  - name: t\n    vars: { q: "policy?" }\n    assert:\n${assertion}\n`;
}

describe('similar, with the endpoint\'s embeddings', () => {
  // The double embeds by hashing words: sharing every word gives cosine 1, sharing none gives 0.
  it('passes when the output means the same as the reference, fails with the score when not', async () => {
    server = await startModelServer({ apiKey: API_KEY, defaultReply: 'refunds within thirty days' });
    const close = await runGraded({ 'a.prompt.yaml': suite('      - similar: "Refunds within thirty days"') }, { baseURL: server.url });
    expect(close.results[0]!.assertions[0]).toEqual({
      type: 'similar',
      pass: true,
      score: 1,
      reason: 'expected output to mean the same as "Refunds within thirty days" (cosine similarity at least 0.75)',
      line: 10,
    });
    const far = await runGraded({ 'a.prompt.yaml': suite('      - similar: "Shipping is free"') }, { baseURL: server.url });
    expect(far.results[0]!.assertions[0]).toMatchObject({ pass: false, score: 0 });
    expect(far.results[0]!.assertions[0]!.reason).toBe(
      'expected output to mean the same as "Shipping is free" (cosine similarity at least 0.75), got 0',
    );
    const embeddingCalls = server.requests.filter((request) => request.kind === 'embeddings');
    expect(embeddingCalls.map((request) => request.body.input)).toEqual([
      ['refunds within thirty days', 'Refunds within thirty days'],
      ['refunds within thirty days', 'Shipping is free'],
    ]);
    expect(embeddingCalls[0]!.body.model).toBe('text-embedding-3-small');
  });

  it('not-similar and a threshold; a list of references passes on the closest one', async () => {
    server = await startModelServer({ apiKey: API_KEY, defaultReply: 'refunds within thirty days' });
    const report = await runGraded(
      {
        'a.prompt.yaml': suite(
          [
            '      - type: not-similar',
            '        value: Shipping is free',
            '      - type: similar',
            '        value: ["Shipping is free", "refunds within thirty days"]',
            '        threshold: 0.99',
          ].join('\n'),
        ),
      },
      { baseURL: server.url },
    );
    expect(report.results[0]!.assertions.map(({ pass, score }) => ({ pass, score }))).toEqual([
      { pass: true, score: 0 },
      { pass: true, score: 1 },
    ]);
  });

  it('embeddings are cached per text: a re-run asks for none', async () => {
    await withTempDir(async (cacheDir) => {
      server = await startModelServer({ apiKey: API_KEY, defaultReply: 'refunds within thirty days' });
      const file = { 'a.prompt.yaml': suite('      - similar: "Refunds within thirty days"') };
      const first = await runGraded(file, { baseURL: server.url, cacheDir });
      const second = await runGraded(file, { baseURL: server.url, cacheDir });
      expect(first.summary.judge).toMatchObject({ requests: 1, cacheHits: 0 });
      expect(second.summary.judge).toMatchObject({ requests: 0, cacheHits: 1 });
      expect(second.results[0]!.assertions).toEqual(first.results[0]!.assertions);
      expect(server.stats.embeddings).toBe(2);
    });
  });

  it('an endpoint without embeddings makes the test errored with a hint, not failed', async () => {
    server = await startModelServer({ apiKey: API_KEY, defaultReply: 'refunds', models: ['gpt-test'] });
    const report = await runGraded({ 'a.prompt.yaml': suite('      - similar: "Refunds"') }, { baseURL: server.url });
    expect(report.results[0]!.status).toBe('errored');
    expect(report.results[0]!.error).toMatch(/^similar: the embeddings \(text-embedding-3-small at http:\/\/127\.0\.0\.1:\d+\/v1\) could not be fetched: .*404/);
  });

  it('an empty output is not similar to anything, without asking for embeddings', async () => {
    server = await startModelServer({ apiKey: API_KEY, defaultReply: '' });
    const report = await runGraded({ 'a.prompt.yaml': suite('      - similar: "Refunds"') }, { baseURL: server.url });
    expect(report.results[0]!.assertions[0]).toMatchObject({ pass: false, score: 0 });
    expect(server.requests.map((request) => request.kind)).not.toContain('embeddings');
  });
});

describe('similar, with the offline model', () => {
  it('needs no endpoint for embeddings and tells a paraphrase from an unrelated answer at its default threshold', async () => {
    server = await startModelServer({
      apiKey: API_KEY,
      rules: [
        { match: /refund/, reply: 'You can send it back for your money within a month of buying it.' },
        { match: /weather/, reply: 'Our head office is in Lisbon.' },
      ],
    });
    const file = `name: s\nmodel: gpt-test\nmessages:\n  - role: user\n    content: "{{q}}"\nassert:\n  - type: similar\n    value: Refunds are accepted within 30 days of purchase.\ntests:\n  - vars: { q: "refund?" }\n  - vars: { q: "weather?" }\n`;
    const report = await runGraded({ 'a.prompt.yaml': file }, { baseURL: server.url, config: 'embeddings:\n  source: local\n' });
    expect(report.results.map((result) => result.status)).toEqual(['passed', 'failed']);
    // Without a threshold, the offline model's own default: its paraphrases score 0.62–0.90.
    expect(report.results[1]!.assertions[0]!.reason).toMatch(/\(cosine similarity at least 0\.5\), got 0\.\d+$/);
    expect(server.requests.map((request) => request.kind)).not.toContain('embeddings');
    // Offline embeddings cost nothing and use no tokens.
    expect(report.summary.judge).toMatchObject({ calls: 2, requests: 2, tokens: { total: 0 }, cost: 0 });
  });
});
