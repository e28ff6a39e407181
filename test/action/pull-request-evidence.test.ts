// What the Action says on a pull request rests on evidence, end to end through dist/index.js: a
// reworded prompt whose tests pass 70% of the time on both sides gets no regression, a real drop
// gets one that shows its counts, and a change the samples cannot decide is listed as inconclusive
// with its counts. The model double answers by pattern (support/evidence-scenario.ts), so every
// count below follows from the patterns; the verdicts are worked out by hand from Fisher's test at
// the design's looks (4, 8, 12, 16, 24 samples a side; shares 0.05, 0.1, 0.2, 0.3, 0.35 of the 5%
// false-alarm rate; futility bounds 0.8, 0.4, 0.2, 0.1, 0.1).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pullRequestEvent } from '../support/github-events.js';
import { startGitHubServer } from '../support/github-server.js';
import type { RunReport } from '../../src/types.js';
import {
  ANSWERS_PATH,
  SEVENTY_BASE,
  SEVENTY_HEAD,
  evidencePullRequestSetup,
  evidenceWorkspaceFiles,
  startEvidenceModel,
  testLine,
  type Question,
} from './support/evidence-scenario.js';
import { runAction, startAction, useActionHarness, workspaceWith, type ActionRunOptions } from './support/run-action.js';
import { API_KEY } from './support/scenario.js';

const harness = useActionHarness();

async function start(questions: Question[], modelOptions: { holdAtBase?: string } = {}, setup = evidencePullRequestSetup(questions)) {
  const github = await startGitHubServer(setup);
  const model = await startEvidenceModel(questions, modelOptions);
  harness.cleanups.push(() => github.close(), () => model.close());
  const workspace = await workspaceWith(evidenceWorkspaceFiles(questions));
  const options = (inputs: Record<string, string>): ActionRunOptions => ({
    node: harness.node,
    eventName: 'pull_request',
    payload: pullRequestEvent(github.setup, { action: 'synchronize' }),
    workspace,
    githubToken: github.token,
    githubApiUrl: github.url,
    inputs: { 'api-key': API_KEY, 'base-url': model.url, ...inputs },
  });
  return {
    github,
    model,
    run: (inputs: Record<string, string> = {}) => runAction(options(inputs)),
    /** The run with the child at hand, to cancel the job. */
    begin: (inputs: Record<string, string> = {}) => startAction(options(inputs)),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 20_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function resultsOf(path: string | undefined): Promise<RunReport> {
  return JSON.parse(await readFile(path!, 'utf8')) as RunReport;
}

const seventy = (name: string): Question => ({ name, base: SEVENTY_BASE, head: SEVENTY_HEAD });

describe('the verdicts on a pull request', () => {
  it('calls nothing a regression when a reworded prompt passes 70% of the time on both sides', async () => {
    // One sample a side would see a pass at the base and a failure at the head for every test.
    const questions = ['sizes', 'colours', 'delivery', 'returns', 'gift wrap', 'warranty'].map(seventy);
    const { github, model, run } = await start(questions);

    const result = await run({ 'fail-on': 'regression' });

    // At 4 a side each test has 3/4 → 2/4: Fisher's p = 35/70 = 0.5, under the first futility bound
    // (0.8), so it takes the second look; at 8 a side it has 5/8 → 5/8, p > 0.5, over the second
    // bound (0.4): unchanged. 6 tests × 16 calls.
    expect(model.requests).toHaveLength(96);
    expect(result.code).toBe(0);
    expect(result.outputs).toMatchObject({ total: '6', failed: '6', regressions: '0' });
    expect(result.stdout).toContain('promptgate: no regressions: 0 passed, 6 failed, 0 errored of 6 tests');
    const results = await resultsOf(result.outputs['results-file']);
    expect(results.results.map((entry) => [entry.test, entry.comparison?.change, entry.comparison?.base?.passed, entry.comparison?.head.passed])).toEqual(
      questions.map((question) => [question.name, 'unchanged', 5, 5]),
    );
    expect(results.summary.comparison).toMatchObject({ regression: 0, unchanged: 6, inconclusive: 0 });

    // They fail as they did before: listed, not commented.
    expect(github.reviewComments).toEqual([]);
    const summary = github.issueComments[0]!.body;
    expect(summary).toContain('## ❌ promptgate: 6 failing tests');
    expect(summary).toContain('### Still failing (6)');
    // 5/8, by hand: centre (0.625 + 0.240) / 1.480 = 0.584, half-width 1.96 × √(0.0293 + 0.0150) / 1.480 = 0.279.
    expect(summary).toContain(`| \`${ANSWERS_PATH}:${testLine(questions, 'sizes')}\` | sizes | 5/8 (31–86%) → 5/8 (31–86%) |`);
    expect(summary).not.toContain('### Regressions');
  });

  it('comments on a real drop with its counts, and lists an undecided test as inconclusive with its counts', async () => {
    const questions: Question[] = [
      seventy('sizes'),
      seventy('colours'),
      // Every answer passes at the base and fails at the head.
      { name: 'delivery', base: 'P', head: 'F' },
      // A failure among each look's new samples at the head.
      { name: 'returns', base: 'P', head: 'PFPPPFPPPFPPPFPP' },
    ];
    const { github, model, run } = await start(questions);

    const result = await run();

    // delivery: 4/4 → 0/4 is p = 1/70, over its first look's share (0.014 / 0.05 = 0.29); 8/8 → 0/8 is
    // p = 1/12,870, 0.00078 after its share, under Benjamini–Hochberg's 0.05 × 1/4: a regression,
    // sampled no further. returns: 4/4 → 3/4, 8/8 → 6/8, 12/12 → 9/12 and 16/16 → 12/16 keep each
    // look's p (0.5, 0.23, 0.11, 0.051) under the futility bounds (0.8, 0.4, 0.2, 0.1), so it wants
    // the last look; the budget (20 calls a compared test, 80) is spent by then: 2 × 16 for the 70%
    // tests, 16 for delivery, 32 for returns. At 16/16 → 12/16, p = C(16,4)/C(32,4) = 0.051, 0.17
    // after its share: not a regression, and undecided: inconclusive.
    expect(model.requests).toHaveLength(80);
    expect(result.outputs).toMatchObject({ total: '4', regressions: '1' });
    const results = await resultsOf(result.outputs['results-file']);
    const change = (test: string) => results.results.find((entry) => entry.test === test)?.comparison;
    expect(change('delivery')).toMatchObject({ change: 'regression', base: { passed: 8, samples: 8 }, head: { passed: 0, samples: 8 } });
    expect(change('returns')).toMatchObject({ change: 'inconclusive', base: { passed: 16, samples: 16 }, head: { passed: 12, samples: 16 }, stopped: 'budget' });
    expect(results.summary.comparison).toMatchObject({ regression: 1, unchanged: 2, inconclusive: 1, calls: 80, budget: 80 });

    // One comment: the regression, with its counts and intervals.
    expect(github.reviewComments).toHaveLength(1);
    const comment = github.reviewComments[0]!;
    expect(comment.path).toBe(ANSWERS_PATH);
    expect(comment.body.split('\n')[0]).toBe('**Regression**: "delivery" passes less often than on the base branch (8/8 → 0/8)');
    expect(comment.body).toContain('**Samples passed:** 8/8 (68–100%) on the base branch → 0/8 (0–32%) now');

    // 16/16, by hand: centre 1.120 / 1.240 = 0.903, half-width 1.96 × √(3.84 / 1,024) / 1.240 = 0.097;
    // 12/16: centre (0.75 + 0.120) / 1.240 = 0.702, half-width 1.96 × √(0.0117 + 0.0038) / 1.240 = 0.197.
    const summary = github.issueComments[0]!.body;
    // Every test fails its own bar at the head (all samples must pass): one regression, three others.
    expect(summary).toContain('## ❌ promptgate: 1 regression, 3 other failing');
    expect(summary).toContain(
      ['### Inconclusive (1)', '', '| File | Test | Samples passed: base → head |', '| --- | --- | --- |', `| \`${ANSWERS_PATH}:${testLine(questions, 'returns')}\` | returns | 16/16 (81–100%) → 12/16 (51–90%) |`].join('\n'),
    );
    expect(summary).toContain('a false-alarm rate of 5%');
    expect(summary).toContain('| This PR | 4 | 0 | 4 | 0 | 3 | 0% | 1 | 0 | 1 |');

    expect(result.summary).toContain(`| Inconclusive | returns | \`${ANSWERS_PATH}:${testLine(questions, 'returns')}\` | 16/16 (81–100%) | 12/16 (51–90%) |`);
    expect(result.summary).toContain('1 regression · 1 inconclusive · 2 still failing');
    expect(result.summary).toContain('a false-alarm rate of 5%');
  });

  it('keeps the results of the rounds so far when the job is cancelled mid-comparison, and posts nothing', async () => {
    const questions: Question[] = [
      { name: 'delivery', base: 'P', head: 'F' },
      { name: 'held', base: 'P', head: 'P' },
    ];
    const { github, model, begin } = await start(questions, { holdAtBase: 'held' });
    // One call at a time, in plan order (the head's tests, then the base's): when the base's first
    // "held" call arrives, every call before it is answered and scored.
    const run = await begin({ concurrency: '1' });
    await until(() => model.requests.some((request) => request.lastUserMessage === 'question: held' && request.body.messages.some((message) => message.content.includes('from shoppers'))), 'the held call');
    run.child.kill('SIGTERM');
    const result = await run.result;

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::promptgate: stopped by SIGTERM (the job was cancelled)');
    expect(github.reviews).toEqual([]);
    expect(github.issueComments).toEqual([]);
    // The first round's samples: 4 a side, the base's "held" calls cancelled (neither passed nor failed).
    const head = await resultsOf(result.outputs['results-file']);
    expect(head.results.map((entry) => [entry.test, entry.status, entry.comparison?.base, entry.comparison?.head.passed])).toEqual([
      ['delivery', 'failed', expect.objectContaining({ passed: 4, samples: 4 }), 0],
      ['held', 'passed', expect.objectContaining({ passed: 0, samples: 0 }), 4],
    ]);
    const base = await resultsOf(join(dirname(result.outputs['results-file']!), 'base-results.json'));
    expect(base.results.map((entry) => [entry.test, entry.status])).toEqual([
      ['delivery', 'passed'],
      ['held', 'errored'],
    ]);
    expect(base.results[1]!.error).toMatch(/cancelled/);
  });

  it('counts the tests of a base version that cannot run as new, says why, and still runs the head', async () => {
    const questions: Question[] = [{ name: 'delivery', base: 'P', head: 'F' }];
    const setup = evidencePullRequestSetup(questions);
    // The base version names no model: it cannot be run.
    setup.contents!['main']![ANSWERS_PATH] = setup.contents!['main']![ANSWERS_PATH]!.replace('model: shop-model\n', '');
    const { github, model, run } = await start(questions, {}, setup);

    const result = await run();

    // The head alone, one sample (the test's own repeat): nothing at the base to compare with.
    expect(model.requests).toHaveLength(1);
    const results = await resultsOf(result.outputs['results-file']);
    expect(results.results.map((entry) => [entry.test, entry.comparison?.change, entry.comparison?.base])).toEqual([['delivery', 'new', undefined]]);
    expect(result.outputs).toMatchObject({ total: '1', failed: '1', regressions: '0' });
    const note = `The base version of ${ANSWERS_PATH} could not be run (it has problems or names no model), so its tests count as new.`;
    expect(github.issueComments[0]!.body).toContain(`> ${note}`);
    expect(github.issueComments[0]!.body).toContain('### New failures (1)');
    expect(result.summary).toContain(`> ${note}`);
    expect(github.reviewComments.map((comment) => comment.body.split('\n')[0])).toEqual(['**New failure**: "delivery" fails, and there is no such test on the base branch']);
    // 0/1, by hand: Wilson's upper end is 1.96² / (1 + 1.96²) = 0.793.
    expect(github.reviewComments[0]!.body).toContain('**Samples passed:** 0/1 (0–79%) <sub>(95% Wilson interval; no such test on the base branch)</sub>');
  });
});
