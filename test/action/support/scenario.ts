// The pull request of test/fixtures/github/prompt-pull-request.ts, with a scripted model that
// answers the support-reply prompt differently at the base and at the head:
//
//   test (support-reply)   base            head                        change
//   refund window          passes          "As an AI…" fails            regression
//   outside the window     passes          passes                       passing
//   greeting stays short   passes          passes                       passing
//   angry customer         (no such test)  no "sorry": fails            new-failing
//   classify: one word     (new file)      "status": passes             passing
//
// A later push (HEAD_2) adds "Apologise when an order is late." to the system prompt, and the
// model then says sorry: the angry-customer finding is fixed.
import {
  CLASSIFY_HEAD,
  CLASSIFY_PATH,
  SUPPORT_REPLY_HEAD,
  SUPPORT_REPLY_PATCH,
  SUPPORT_REPLY_PATH,
} from '../../fixtures/github/prompt-pull-request.js';
import type { PullRequestFileSetup } from '../../support/github-server.js';
import { startModelServer, type ModelServer, type ReceivedRequest } from '../../support/model-server.js';

export const API_KEY = 'sk-test-promptgate-4f9d2c81b7e6a5d3';

export const REFUND_BASE_OUTPUT = 'You can return the boots within 30 days of delivery for a refund.';
export const REFUND_HEAD_OUTPUT = 'As an AI assistant I can say: you may return the boots within 30 days of delivery.';
export const ANGRY_OUTPUT = 'Your order ships today.';
export const ANGRY_FIXED_OUTPUT = 'Sorry about the delay; your order ships today.';

const OLD_LINE = "      Reply in the customer's language.";
const NEW_LINE = "      Reply in the customer's language. Apologise when an order is late.";
export const HEAD_2_SHA = '5d41402abc4b2a76b9719d911017c592ae3f0d17';
export const SUPPORT_REPLY_HEAD_2 = SUPPORT_REPLY_HEAD.replace(OLD_LINE, NEW_LINE);
// The base → HEAD_2 diff has the same hunks; one added line reads differently.
export const SUPPORT_REPLY_PATCH_2 = SUPPORT_REPLY_PATCH.replace(`+${OLD_LINE}`, `+${NEW_LINE}`);

/** RIGHT-side lines of SUPPORT_REPLY_PATCH a review comment may use (from the fixture's header). */
export const SUPPORT_REPLY_RIGHT_LINES = new Set([...range(3, 17), ...range(20, 26), ...range(38, 45)]);
/** CLASSIFY_PATCH adds the whole file. */
export const CLASSIFY_RIGHT_LINES = new Set(range(1, 14));

export function headWorkspaceFiles(): Record<string, string> {
  return { [SUPPORT_REPLY_PATH]: SUPPORT_REPLY_HEAD, [CLASSIFY_PATH]: CLASSIFY_HEAD };
}

function systemPrompt(request: ReceivedRequest): string {
  return request.body.messages.find((message) => message.role === 'system')?.content ?? '';
}

export interface ModelOptions {
  /** At the head, "refund window" answers like the base and passes (no regression). */
  refundPassesAtHead?: boolean;
  /** Every answer quotes this text (a model that leaks what it was given). */
  leak?: string;
  /** This model (the `model` input) says sorry to the angry customer at the head too: that test passes. */
  apologisingModel?: string;
}

export function startScenarioModel(options: ModelOptions = {}): Promise<ModelServer> {
  const leak = (text: string) => (options.leak ? `${text} ${options.leak}` : text);
  return startModelServer({
    apiKey: API_KEY,
    rules: [
      {
        match: /boots three weeks ago/,
        reply: (request) =>
          leak(systemPrompt(request).includes('Never promise') && !options.refundPassesAtHead ? REFUND_HEAD_OUTPUT : REFUND_BASE_OUTPUT),
      },
      { match: /jacket I bought four months ago/, reply: leak('Returns are accepted only within 30 days of delivery, so not this one.') },
      { match: /^Hi!$/, reply: leak('Hello! How can I help with your order?') },
      {
        match: /third time my order is late/,
        reply: (request) =>
          leak(systemPrompt(request).includes('Apologise') || request.body.model === options.apologisingModel ? ANGRY_FIXED_OUTPUT : ANGRY_OUTPUT),
      },
      { match: /Where is my parcel/, reply: leak('status') },
    ],
    defaultReply: 'unexpected question',
  });
}

export function filesAfterSecondPush(files: PullRequestFileSetup[]): PullRequestFileSetup[] {
  return files.map((file) => (file.filename === SUPPORT_REPLY_PATH ? { ...file, patch: SUPPORT_REPLY_PATCH_2 } : file));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
