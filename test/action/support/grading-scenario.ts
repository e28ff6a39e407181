// A pull request that edits one prompt file whose only test is graded by the judge (llm-rubric),
// and a model double that answers both the prompt and the judge:
//
//   run    system prompt ends with     the model answers                      the judge says (by default)
//   base   "…Acme Outfitters."         "Hello and welcome … help you today?"  pass, 0.9: "Warm, and offers help."
//   head   "…Acme Outfitters. Be brief." "Hi."                                fail, 0.2: "The reply does not offer any help."
//
// Tokens, as the double counts them (whitespace-separated words): head 12 prompt + 1 completion,
// base 10 prompt + 12 completion. The head verdict is 7 words, the base verdict 4. With the prices
// of GRADING_CONFIG (shop-model: $1000/M in, $2000/M out; judge-model: $0 in, $1000/M out):
//   head: 12 × $0.001 + 1 × $0.002 = $0.014, judge 7 × $0.001 = $0.007
//   base: 10 × $0.001 + 12 × $0.002 = $0.034, judge 4 × $0.001 = $0.004
import type { GitHubDoubleSetup } from '../../support/github-server.js';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../../support/model-server.js';
import { API_KEY } from './scenario.js';

export const GREETING_PATH = 'prompts/greeting.prompt.yaml';
export const GRADING_BASE_SHA = '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e';
export const GRADING_HEAD_SHA = '9a8b7c6d5e4f30211203f4e5d6c7b8a9f0e1d2c3';

export const GREETING_BASE = `name: Greeting
model: shop-model
messages:
  - role: system
    content: You greet customers of Acme Outfitters.
  - role: user
    content: "{{question}}"
tests:
  - name: warm welcome
    vars:
      question: Hello, is anyone there?
    assert:
      - llm-rubric: Greets the customer warmly and offers help
`;

export const GREETING_HEAD = GREETING_BASE.replace('of Acme Outfitters.', 'of Acme Outfitters. Be brief.');

/** The whole file as context, so the test's lines (9–13) are in the diff and a finding can sit on them. */
export const GREETING_PATCH = `@@ -1,13 +1,13 @@
 name: Greeting
 model: shop-model
 messages:
   - role: system
-    content: You greet customers of Acme Outfitters.
+    content: You greet customers of Acme Outfitters. Be brief.
   - role: user
     content: "{{question}}"
 tests:
   - name: warm welcome
     vars:
       question: Hello, is anyone there?
     assert:
       - llm-rubric: Greets the customer warmly and offers help`;

export const GRADING_CONFIG = `prices:
  shop-model: { input: 1000, output: 2000 }
  judge-model: { input: 0, output: 1000 }
`;

export const HEAD_ANSWER = 'Hi.';
export const BASE_ANSWER = 'Hello and welcome to Acme Outfitters! How can I help you today?';
export const FAILING_VERDICT = '{"reason":"The reply does not offer any help.","pass":false,"score":0.2}';
export const PASSING_VERDICT = '{"reason":"Warm, and offers help.","pass":true,"score":0.9}';

export function gradingPullRequestSetup(): GitHubDoubleSetup {
  return {
    owner: 'acme',
    repo: 'storefront',
    pull: {
      number: 7,
      title: 'Shorter greeting',
      author: 'mona',
      head: { sha: GRADING_HEAD_SHA, ref: 'greeting/brief' },
      base: { sha: GRADING_BASE_SHA, ref: 'main' },
    },
    files: [{ filename: GREETING_PATH, status: 'modified', additions: 1, deletions: 1, changes: 2, patch: GREETING_PATCH }],
    contents: { main: { [GREETING_PATH]: GREETING_BASE }, 'greeting/brief': { [GREETING_PATH]: GREETING_HEAD } },
    permissions: { mona: 'write' },
  };
}

export function gradingWorkspaceFiles(): Record<string, string> {
  return { [GREETING_PATH]: GREETING_HEAD, 'promptgate.config.yaml': GRADING_CONFIG };
}

export function isJudgeRequest(request: ReceivedRequest): boolean {
  const format = request.body['response_format'] as { json_schema?: { name?: string } } | undefined;
  return format?.json_schema?.name === 'llm_rubric_verdict';
}

/** The answer under judgement: the judge prompt's last message is `<answer>…</answer>`. */
function judgedAnswer(request: ReceivedRequest): string {
  return request.lastUserMessage;
}

export interface GradingModelOptions {
  /** What the judge says about the head's answer (default FAILING_VERDICT). */
  headVerdict?: string;
  /** Answer the judge's requests at all (false: a separate judge endpoint serves them). */
  judge?: boolean;
}

/** The model under test, and — unless told otherwise — the judge, on one endpoint with API_KEY. */
export function startGradingModel(options: GradingModelOptions = {}): Promise<ModelServer> {
  return startModelServer({
    apiKey: API_KEY,
    rules: [
      ...(options.judge === false
        ? []
        : [{ match: isJudgeRequest, reply: (request: ReceivedRequest) => (judgedAnswer(request) === `<answer>\n${HEAD_ANSWER}\n</answer>\n` ? (options.headVerdict ?? FAILING_VERDICT) : PASSING_VERDICT) }]),
      {
        match: (request: ReceivedRequest) => !isJudgeRequest(request) && request.lastUserMessage === 'Hello, is anyone there?',
        reply: (request: ReceivedRequest) => (request.body.messages.some((message) => message.content.includes('Be brief')) ? HEAD_ANSWER : BASE_ANSWER),
      },
    ],
    defaultReply: 'unexpected request',
  });
}
