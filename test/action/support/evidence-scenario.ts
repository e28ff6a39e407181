// A pull request that rewords one prompt's system message, and a model double told, per question
// and per side, which answers pass: each (side, question) pair walks its own pattern of passes (P)
// and failures (F), one step per call, so the pass counts of every look follow from the patterns
// alone, whatever order the calls arrive in. Each answer carries its number, as a sampled model's
// answers differ, so a flaky prompt never looks like a steady one.
//
// A test passes when the answer contains "yes"; every test needs all its samples to pass (the
// default min pass rate), so a test passing 70% of the time fails at the head as at the base.
import type { GitHubDoubleSetup } from '../../support/github-server.js';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../../support/model-server.js';
import { API_KEY } from './scenario.js';

export const ANSWERS_PATH = 'prompts/answers.prompt.yaml';
export const EVIDENCE_BASE_SHA = '0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5';
export const EVIDENCE_HEAD_SHA = 'f5e4d3c2b1a09f8e7d6c5b4a3928170615f4e3d2';

const BASE_SYSTEM = 'You answer questions from shoppers.';
const HEAD_SYSTEM = 'You answer the questions shoppers ask.';

/** 7 passes in 10 at the base; the head walks the same cycle from its third step, so it starts with a failure. */
export const SEVENTY_BASE = 'PPFPPFPFPP';
export const SEVENTY_HEAD = 'FPPFPFPPPP';

export interface Question {
  /** The test's name; its question is `question: <name>`. */
  name: string;
  base: string;
  head: string;
}

export function suiteText(system: string, questions: Question[]): string {
  const tests = questions.flatMap((question) => [
    `  - name: ${question.name}`,
    '    vars:',
    `      question: "question: ${question.name}"`,
    '    assert:',
    '      - contains: "yes"',
  ]);
  return ['name: Answers', 'model: shop-model', 'messages:', '  - role: system', `    content: ${system}`, '  - role: user', '    content: "{{question}}"', 'tests:', ...tests, ''].join('\n');
}

/** The whole file as context around the reworded line, so every test's lines are in the diff. */
function rewordingPatch(questions: Question[]): string {
  const base = suiteText(BASE_SYSTEM, questions).trimEnd().split('\n');
  const head = suiteText(HEAD_SYSTEM, questions).trimEnd().split('\n');
  const lines = base.flatMap((line, index) => (line === head[index] ? [` ${line}`] : [`-${line}`, `+${head[index]}`]));
  return [`@@ -1,${base.length} +1,${head.length} @@`, ...lines].join('\n');
}

export function evidencePullRequestSetup(questions: Question[]): GitHubDoubleSetup {
  return {
    owner: 'acme',
    repo: 'storefront',
    pull: {
      number: 11,
      title: 'Reword the answers prompt',
      author: 'mona',
      head: { sha: EVIDENCE_HEAD_SHA, ref: 'answers/reword' },
      base: { sha: EVIDENCE_BASE_SHA, ref: 'main' },
    },
    files: [{ filename: ANSWERS_PATH, status: 'modified', additions: 1, deletions: 1, changes: 2, patch: rewordingPatch(questions) }],
    contents: { main: { [ANSWERS_PATH]: suiteText(BASE_SYSTEM, questions) }, 'answers/reword': { [ANSWERS_PATH]: suiteText(HEAD_SYSTEM, questions) } },
    permissions: { mona: 'write' },
  };
}

export function evidenceWorkspaceFiles(questions: Question[]): Record<string, string> {
  return { [ANSWERS_PATH]: suiteText(HEAD_SYSTEM, questions) };
}

/** The line of a test's `- name:` in the file (1-based): 8 lines of header, then 5 lines a test. */
export function testLine(questions: Question[], name: string): number {
  return 9 + 5 * questions.findIndex((question) => question.name === name);
}

const sideOf = (request: ReceivedRequest): 'base' | 'head' => (request.body.messages.some((message) => message.content === HEAD_SYSTEM) ? 'head' : 'base');

/** `holdAtBase`: a test whose base calls are never answered (the run is waiting on them when the job is cancelled). */
export function startEvidenceModel(questions: Question[], options: { holdAtBase?: string } = {}): Promise<ModelServer> {
  const calls = new Map<string, number>();
  const held = options.holdAtBase;
  return startModelServer({
    apiKey: API_KEY,
    rules: [
      ...(held === undefined
        ? []
        : [{ match: (request: ReceivedRequest) => sideOf(request) === 'base' && request.lastUserMessage === `question: ${held}`, fail: { kind: 'hang' as const } }]),
      {
        match: /^question: /,
        reply: (request: ReceivedRequest) => {
          const side = sideOf(request);
          const question = questions.find((candidate) => request.lastUserMessage === `question: ${candidate.name}`);
          if (!question) return 'unexpected question';
          const key = `${side}\u0000${question.name}`;
          const call = calls.get(key) ?? 0;
          calls.set(key, call + 1);
          const pattern = question[side];
          return `${pattern[call % pattern.length] === 'P' ? 'yes' : 'no'} (answer ${call + 1})`;
        },
      },
    ],
    defaultReply: 'unexpected request',
  });
}
