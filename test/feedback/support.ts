// Shared scenery for the suggest tests: a small support-bot prompt file, a scripted "support model"
// whose answers depend on what the system prompt says, and an editor whose answers are scripted
// by a marker in the critique.
import { createOpenAIProvider } from '../../src/provider/openai.js';
import type { SuggestEngineOptions } from '../../src/suggest/index.js';
import type { ReceivedRequest, ScriptRule } from '../support/model-server.js';

export const SUPPORT_FILE = 'prompts/support.prompt.yaml';

export const SUPPORT_PROMPT = `name: Support reply
model: support-model
messages:
  - role: system
    content: |
      You are the support assistant for Acme Outfitters.
      Answer in one short sentence.
  - role: user
    content: "{{question}}"
tests:
  - name: refund window
    vars:
      question: Can I return boots I bought three weeks ago?
    assert:
      - contains: "30 days"
  - name: greeting
    vars:
      question: Hi!
    assert:
      - max-words: 12
  - name: shipping
    vars:
      question: Do you ship to Canada?
    assert:
      - icontains: canada
`;

/** The minimal fix: one line added above line 7. */
export const MINIMAL_EDIT = {
  find: 'Answer in one short sentence.',
  replace: 'Refunds: customers may return items within 30 days.\n      Answer in one short sentence.',
};

export const MINIMAL_FIX_TEXT = SUPPORT_PROMPT.replace(
  '      Answer in one short sentence.\n',
  '      Refunds: customers may return items within 30 days.\n      Answer in one short sentence.\n',
);

/** Answers like a model that follows its system prompt, so edits change outcomes in predictable ways. */
export function supportModel(request: ReceivedRequest): string {
  const system = request.body.messages.find((message) => message.role === 'system')?.content ?? '';
  const question = request.lastUserMessage;
  if (system.includes('Greet warmly at length') && question === 'Hi!') {
    return 'Hello and a very warm welcome to Acme Outfitters, where we are always delighted to help you with anything at all!';
  }
  if (question.includes('boots')) return system.includes('30 days') ? 'Yes, you can return them within 30 days.' : 'Please contact our team.';
  if (question === 'Hi!') return 'Hello! How can I help?';
  if (question.includes('Canada')) return 'Yes, we ship to Canada.';
  return 'I am not sure.';
}

export interface ScriptedCandidate {
  edits: { find: string; replace: string }[];
  rationale: string;
  assertion?: Record<string, unknown> | null;
}

export function editorAnswer(...candidates: ScriptedCandidate[]): string {
  return JSON.stringify({ candidates });
}

/** Scripts the editor's reply for requests whose critique carries `[marker]`. */
export function editorRule(marker: string, reply: string): ScriptRule {
  return { match: (request) => request.lastUserMessage.includes(`[${marker}]`) && request.body.model === 'editor-model', reply };
}

export function engineFor(baseURL: string, overrides: Partial<SuggestEngineOptions> = {}): SuggestEngineOptions {
  return {
    provider: createOpenAIProvider({ baseURL, apiKey: 'sk-test', timeoutMs: 5000 }),
    concurrency: 4,
    timeoutMs: 5000,
    maxRetryTimeMs: 0,
    editorModel: 'editor-model',
    version: 'test',
    ...overrides,
  };
}

// The README's own example: `promptgate suggest prompts/support-reply.prompt.yaml --critique "Too
// long, and it forgets the refund policy" --test "refund window"`, where the targeted test already
// passes: the answer names the 30 days it checks for, at length and without the refund policy.
export const README_FILE = 'prompts/support-reply.prompt.yaml';
export const README_CRITIQUE = 'Too long, and it forgets the refund policy';

export const README_PROMPT = `name: Support reply
model: support-model
messages:
  - role: system
    content: |
      You answer customers at the Acme Outfitters support desk.
  - role: user
    content: "{{question}}"
tests:
  - name: refund window
    vars:
      question: Can I return the boots I bought three weeks ago?
    assert:
      - contains: "30 days"
  - name: shipping
    vars:
      question: Do you ship to Canada?
    assert:
      - icontains: canada
`;

const README_SYSTEM = 'You answer customers at the Acme Outfitters support desk.';
const LONG_ANSWER =
  'Thank you so much for reaching out to the Acme Outfitters support desk today! We completely understand how important ' +
  'it is to get the right pair of boots, and we are always happy to help with anything at all. Items can be returned ' +
  'within 30 days of purchase, so you are still in time. Our team is available every day of the week to help.';

/** "Be brief.": short, still names the 30 days, and still says nothing of a refund. */
export const BE_BRIEF = { find: README_SYSTEM, replace: `${README_SYSTEM}\n      Be brief.` };
/** States the refund policy, briefly. */
export const STATE_REFUND_POLICY = {
  find: README_SYSTEM,
  replace: `${README_SYSTEM}\n      Be brief, and state the refund policy: a full refund for items returned within 30 days.`,
};

/** The support model for README_PROMPT: it follows the system prompt's "Be brief." and refund policy. */
export const readmeModelRule: ScriptRule = {
  match: (request) => request.body.messages.some((message) => message.role === 'system' && message.content.includes(README_SYSTEM)),
  reply: (request) => {
    const system = request.body.messages.find((message) => message.role === 'system')!.content;
    if (request.lastUserMessage.includes('Canada')) return 'Yes, we ship to Canada.';
    if (system.includes('refund policy')) return 'Yes: you get a full refund for items returned within 30 days.';
    if (system.includes('Be brief.')) return 'Yes, within 30 days of purchase.';
    return LONG_ANSWER;
  },
};
