// The suggestion scenario on the prompt pull request of test/fixtures/github/prompt-pull-request.ts.
// At the head, two tests of support-reply.prompt.yaml fail: "refund window" (the model says "As an
// AI…" because the system prompt says "Never promise…") and "angry customer" (no "sorry" unless
// the system prompt says "Apologise"). The editor model's answers are scripted by the critique
// quoted in the editor's request, so each test decides what the editor proposes.
//
//   head line 13: `      Answer in at most three sentences. Never promise anything the policy does not allow.`
//   head line 14: `      Reply in the customer's language.`
//   head lines 41–45: the "angry customer" test
import { SUPPORT_REPLY_HEAD, SUPPORT_REPLY_PATH } from '../../fixtures/github/prompt-pull-request.js';
import type { ExistingReviewComment } from '../../support/github-server.js';
import { startModelServer, type ModelServer, type ReceivedRequest, type ScriptRule } from '../../support/model-server.js';
import { ANGRY_FIXED_OUTPUT, ANGRY_OUTPUT, API_KEY, REFUND_BASE_OUTPUT, REFUND_HEAD_OUTPUT } from './scenario.js';

export const LINE_13 = '      Answer in at most three sentences. Never promise anything the policy does not allow.\n';
export const LINE_14 = "      Reply in the customer's language.\n";

/** Adds the apology to line 14: fixes "angry customer" only. */
export const APOLOGY_EDIT = { find: LINE_14, replace: "      Reply in the customer's language. Apologise when an order is late.\n" };
/** Rewrites lines 13–14: fixes "angry customer" and "refund window". */
export const TWO_LINE_EDIT = {
  find: LINE_13 + LINE_14,
  replace: "      Answer in at most three sentences.\n      Reply in the customer's language. Apologise when an order is late.\n",
};
/** Changes line 14 without the apology: still fails "angry customer". */
export const USELESS_EDIT = { find: LINE_14, replace: "      Reply in the customer's language, politely.\n" };

export const APOLOGY_HEAD = SUPPORT_REPLY_HEAD.replace(APOLOGY_EDIT.find, APOLOGY_EDIT.replace);
export const TWO_LINE_HEAD = SUPPORT_REPLY_HEAD.replace(TWO_LINE_EDIT.find, TWO_LINE_EDIT.replace);

export interface EditorScript {
  /** Text the critique contains. */
  critique: string;
  candidates: { edits: { find: string; replace: string }[]; rationale: string; assertion?: null }[];
}

export function isEditorRequest(request: ReceivedRequest): boolean {
  return request.body.messages.some((message) => message.role === 'system' && message.content.includes('You improve prompt files for promptgate'));
}

function systemPrompt(request: ReceivedRequest): string {
  return request.body.messages.find((message) => message.role === 'system')?.content ?? '';
}

/**
 * The model of scenario.ts, plus the editor answering each scripted critique; `leak` is added to
 * every test answer, and `answers` are asked first (questions a test adds).
 */
export function startFeedbackModel(scripts: EditorScript[] = [], options: { leak?: string; answers?: ScriptRule[] } = {}): Promise<ModelServer> {
  const leak = (text: string) => (options.leak ? `${text} ${options.leak}` : text);
  return startModelServer({
    apiKey: API_KEY,
    rules: [
      ...scripts.map((script) => ({
        match: (request: ReceivedRequest) =>
          isEditorRequest(request) && request.body.messages.some((message) => message.content.includes(script.critique)),
        reply: JSON.stringify({ candidates: script.candidates }),
      })),
      ...(options.answers ?? []),
      {
        match: /boots three weeks ago/,
        reply: (request: ReceivedRequest) => leak(systemPrompt(request).includes('Never promise') ? REFUND_HEAD_OUTPUT : REFUND_BASE_OUTPUT),
      },
      { match: /jacket I bought four months ago/, reply: leak('Returns are accepted only within 30 days of delivery, so not this one.') },
      { match: /^Hi!$/, reply: leak('Hello! How can I help with your order?') },
      { match: /third time my order is late/, reply: (request: ReceivedRequest) => leak(systemPrompt(request).includes('Apologise') ? ANGRY_FIXED_OUTPUT : ANGRY_OUTPUT) },
      { match: /Where is my parcel/, reply: leak('status') },
    ],
    defaultReply: 'unexpected question',
  });
}

/** promptgate's failure comment for "angry customer", as an earlier run posted it (written out by hand). */
export const ANGRY_FINDING_BODY = [
  '**New failure**: "angry customer" fails, and there is no such test on the base branch',
  '',
  '`prompts/support-reply.prompt.yaml:41` · Support reply',
  '',
  '**Failing assertion**',
  '- `icontains`: expected output to contain "sorry"',
  '',
  '**Output**',
  '',
  '```',
  ANGRY_OUTPUT,
  '```',
  '',
  '<!-- promptgate:finding fp=3a1f0c9e5b7d2468 -->',
].join('\n');

export const FINDING_ID = 7001;
export const REPLY_ID = 7002;

/** The failure comment on `lines` (by github-actions[bot]) and a person's reply to it. */
export function findingThread(lines: { start: number; end: number }, reply: { body: string; author: string }): ExistingReviewComment[] {
  return [
    {
      id: FINDING_ID,
      body: ANGRY_FINDING_BODY,
      path: SUPPORT_REPLY_PATH,
      line: lines.end,
      side: 'RIGHT',
      ...(lines.start < lines.end ? { start_line: lines.start, start_side: 'RIGHT' as const } : {}),
    },
    { id: REPLY_ID, body: reply.body, path: SUPPORT_REPLY_PATH, in_reply_to_id: FINDING_ID, author: reply.author },
  ];
}

/**
 * What committing a comment's suggestion does on GitHub: the block's lines replace lines
 * `start`..`end` of `text`. Written here independently of promptgate's own line handling.
 */
export function applySuggestion(text: string, body: string, start: number, end: number): string {
  const block = /^(`{3,})suggestion\n([\s\S]*?)^\1$/m.exec(body);
  if (!block) throw new Error(`no suggestion block in:\n${body}`);
  const lines = text.split(/(?<=\n)/);
  return lines.slice(0, start - 1).join('') + block[2]! + lines.slice(end).join('');
}

/** Every ```suggestion block in a body (there must be none in an unverified answer). */
export function suggestionBlocks(body: string): string[] {
  return [...body.matchAll(/^`{3,}suggestion$/gm)].map((match) => match[0]);
}
