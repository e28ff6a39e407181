// The Action with model-graded assertions, end to end: the built dist/index.js under Node 24, the
// GitHub double, and the model double answering both the prompt and the judge (see
// support/grading-scenario.ts for the script and the hand-computed tokens and costs).
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { pullRequestEvent } from '../support/github-events.js';
import { sentToGitHub, visibleLog } from './support/leak-views.js';
import { startGitHubServer, type GitHubDouble } from '../support/github-server.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import {
  FAILING_VERDICT,
  GREETING_PATH,
  gradingPullRequestSetup,
  gradingWorkspaceFiles,
  isJudgeRequest,
  startGradingModel,
  type GradingModelOptions,
} from './support/grading-scenario.js';
import { runAction, useActionHarness, workspaceWith } from './support/run-action.js';
import { API_KEY } from './support/scenario.js';

const harness = useActionHarness();
const { cleanups } = harness;

async function start(model: GradingModelOptions = {}): Promise<{ github: GitHubDouble; model: ModelServer; run: (inputs?: Record<string, string>) => ReturnType<typeof runAction> }> {
  const github = await startGitHubServer(gradingPullRequestSetup());
  const modelServer = await startGradingModel(model);
  cleanups.push(() => github.close(), () => modelServer.close());
  const workspace = await workspaceWith(gradingWorkspaceFiles());
  return {
    github,
    model: modelServer,
    run: (inputs = {}) =>
      runAction({
        node: harness.node,
        eventName: 'pull_request',
        payload: pullRequestEvent(github.setup, { action: 'synchronize' }),
        workspace,
        githubToken: github.token,
        githubApiUrl: github.url,
        inputs: { 'api-key': API_KEY, 'base-url': modelServer.url, 'judge-model': 'judge-model', ...inputs },
      }),
  };
}

function summaryComment(github: GitHubDouble): string {
  expect(github.issueComments).toHaveLength(1);
  return github.issueComments[0]!.body;
}

describe('the action with llm-rubric assertions', () => {
  it("puts the judge's reason on the regression and the judge's calls and costs in the summary", async () => {
    const { github, model, run } = await start();

    const result = await run();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::promptgate: 1 of 1 test failed');
    expect(result.outputs).toMatchObject({ total: '1', failed: '1', errored: '0', regressions: '1' });
    // The one test on both sides: 4 answers a side at the first look (1/70 is not yet enough at its
    // share of the rate), 8 at the second (8/8 → 0/8, p = 1/12,870): a regression. Every answer is
    // judged; the judge is asked once per distinct answer and question, which of the concurrent
    // asks reach it first is timing, so its requests are counted only by what they asked for.
    expect(model.requests.filter((request) => !isJudgeRequest(request)).map((request) => request.body.model)).toEqual(Array(16).fill('shop-model'));
    const judgeCalls = model.requests.filter(isJudgeRequest);
    expect(judgeCalls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(judgeCalls.map((request) => request.body.model))).toEqual(new Set(['judge-model']));

    expect(github.reviewComments).toHaveLength(1);
    const finding = github.reviewComments[0]!;
    expect(finding.path).toBe(GREETING_PATH);
    expect(finding.body).toContain('**Regression**: "warm welcome" passes less often than on the base branch (8/8 → 0/8)');
    expect(finding.body).toContain(
      '`llm-rubric`: expected output to meet the rubric "Greets the customer warmly and offers help"; the judge: The reply does not offer any help. (score 0.2)',
    );

    const comment = summaryComment(github);
    expect(comment).toContain('## ❌ promptgate: 1 regression');
    // Eight answers a side, each at the scenario's tokens and prices: head 8 × (12 + 1) tokens and
    // 8 × $0.014, judge 8 × $0.007; base 8 × (10 + 12) and 8 × $0.034, judge 8 × $0.004. A verdict
    // read from the cache costs what it cost when asked, as a cached answer does.
    for (const row of [
      '| Prompt tokens | 96 | 80 |',
      '| Completion tokens | 8 | 96 |',
      '| Total tokens | 104 | 176 |',
      '| Cost | \\$0.112 | \\$0.272 |',
      '| Requests | 8 | 8 |',
      '| Judge calls | 8 | 8 |',
      '| Judge cost | \\$0.056 | \\$0.032 |',
    ]) {
      expect(comment).toContain(row);
    }
    // The judge prompt's own words are the judge's prompt tokens: many, and more at the base (its answer is longer).
    expect(comment).toMatch(/\n\| Judge tokens \| \d{1,3},\d{3} \| \d{1,3},\d{3} \|\n/);
    // Every model had a price, and one file has no per-file table of its own.
    expect(comment).not.toContain('Cost leaves out');
    expect(comment).not.toContain('By file');

    // The job summary is the CLI's Markdown, with its usage section.
    expect(result.summary).toContain('### Usage');
    expect(result.summary).toMatch(/\n\| \*\*Total\*\* \| 1 \| 104 \| \\\$0\.112 \| \d{1,3},\d{3} \| \\\$0\.056 \|\n/);

    const results = JSON.parse(await readFile(result.outputs['results-file']!, 'utf8')) as {
      summary: { cost: number; judge: { calls: number; cost: number; requests: number } };
    };
    expect(results.summary.cost).toBeCloseTo(0.112, 10);
    expect(results.summary.judge).toMatchObject({ calls: 8 });
    expect(results.summary.judge.cost).toBeCloseTo(0.056, 10);
  });

  it('reports a test whose judge answered garbage as errored, and fails the step for it', async () => {
    const { github, run } = await start({ headVerdict: 'Looks friendly enough to me.' });

    const result = await run();

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('::error::promptgate: 1 test could not be graded: the judge gave no usable verdict (see the job summary for why)');
    expect(result.outputs).toMatchObject({ total: '1', passed: '0', failed: '0', errored: '1', regressions: '0' });
    // An errored test is not a finding: nothing to point at on the lines.
    expect(github.reviewComments).toHaveLength(0);
    const comment = summaryComment(github);
    expect(comment).toContain('## ⚠️ promptgate: 1 test could not be evaluated');
    expect(comment).toContain(
      [
        '### Errored (1)',
        '',
        '| File | Test | Error |',
        '| --- | --- | --- |',
        '| `prompts/greeting.prompt.yaml:9` | warm welcome | llm-rubric: the judge\'s answer is not a usable verdict: it is not JSON ("Looks friendly enough to me.") |',
      ].join('\n'),
    );
    // The first look's 4 answers a side, each judged; with no evaluated sample at the head, no more.
    expect(comment).toContain('| Judge calls | 4 | 4 |');
    // The annotation says the judge, not the endpoint, is why there is no verdict.
    expect(result.stdout).toContain('title=promptgate%3A Greeting › warm welcome%3A could not be graded');

    // fail-on regression still fails on errored tests (nothing regressed, but nothing could be judged either).
    const regressionRule = await run({ 'fail-on': 'regression' });
    expect(regressionRule.code).toBe(1);
    expect(regressionRule.stdout).toContain('::error::promptgate: 1 test could not be graded');
    const never = await run({ 'fail-on': 'never' });
    expect(never.code).toBe(0);
    expect(never.outputs).toMatchObject({ errored: '1' });
  });

  it('masks judge-api-key and keeps it out of the log, the comments and the files when the judge echoes it', async () => {
    const JUDGE_KEY = 'sk-judge-given-3e7a91c05b2d';
    const judge = await startModelServer({ apiKey: 'sk-judge-expected-6f04d8b2a9e1', defaultReply: FAILING_VERDICT });
    cleanups.push(() => judge.close());
    const { github, model, run } = await start({ judge: false });

    const result = await run({ 'judge-base-url': judge.url, 'judge-api-key': JUDGE_KEY });

    // The judge got the judge key (and refused it, quoting it); the model under test never saw it, nor the judge the main key.
    expect(judge.requests.length).toBeGreaterThan(0);
    expect(new Set(judge.requests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${JUDGE_KEY}`]));
    expect(new Set(model.requests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${API_KEY}`]));
    expect(model.requests.filter(isJudgeRequest)).toEqual([]);

    expect(result.code).toBe(1);
    expect(result.outputs).toMatchObject({ errored: '1' });
    expect(result.stdout).toContain(`::add-mask::${JUDGE_KEY}`);
    expect(visibleLog(result.stdout + result.stderr)).not.toContain(JUDGE_KEY);
    const sent = sentToGitHub(github);
    expect(sent).not.toContain(JUDGE_KEY);
    // Brackets are escaped in the comment's Markdown.
    expect(summaryComment(github)).toContain('Incorrect API key provided: \\[redacted\\]');
    expect(result.summary).not.toContain(JUDGE_KEY);
    expect(result.summary).toContain('Incorrect API key provided: \\[redacted\\]');
    expect(await readFile(result.outputs['results-file']!, 'utf8')).not.toContain(JUDGE_KEY);
  });

  it('stops before any model call, with one clear line, when the judge endpoint needs a key it was not given', async () => {
    const { github, model, run } = await start();

    const result = await run({ 'judge-base-url': 'https://api.openai.com/v1' });

    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '::error::promptgate: the model-graded assertions (llm-rubric, similar, GitHub Models evaluators) cannot be checked: ' +
        'no API key for the judge endpoint https://api.openai.com/v1: set PROMPTGATE_JUDGE_API_KEY. ',
    );
    expect(result.stdout).toContain('nothing was sent to the model.');
    expect(result.stdout + result.stderr).not.toContain('    at ');
    expect(model.requests).toHaveLength(0);
    expect(github.reviews).toHaveLength(0);
  });
});
