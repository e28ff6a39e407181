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
