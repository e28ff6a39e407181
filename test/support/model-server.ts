// A scripted OpenAI-compatible chat-completions and embeddings server for tests and benchmarks. It
// is a real node:http server on 127.0.0.1, so tests drive it through the real `openai` SDK and real
// sockets: retries, timeouts and cut-off bodies are exercised the way production meets them.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '../feedback/random-texts.js';

export interface ChatRequestBody {
  model: string;
  /** Always a list: an embeddings request is recorded with `[]` here, so chat filters run over every request. */
  messages: { role: string; content: string }[];
  max_tokens?: number;
  max_completion_tokens?: number;
  /** Only on embeddings requests: what was sent to be embedded. */
  input?: string | string[];
  [parameter: string]: unknown;
}

export interface ReceivedRequest {
  /** Which API was called; chat rules only ever see chat requests. */
  kind: 'chat' | 'embeddings';
  path: string;
  headers: IncomingHttpHeaders;
  body: ChatRequestBody;
  /** Content of the last `user` message, what rules usually match on; '' for embeddings. */
  lastUserMessage: string;
}

/** Ways to answer other than a normal completion. */
export type Misbehaviour =
  | {
      kind: 'rate-limit';
      /** Sent as `retry-after-ms`; omitted when undefined. */
      retryAfterMs?: number;
      /** Sent as `retry-after`: seconds, or a string such as an HTTP date. */
      retryAfter?: number | string;
    }
  | { kind: 'status'; status: number; message?: string; code?: string; retryAfterMs?: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed' }
  /** 200 whose body stops half-way: content-length promises more, then the socket closes. */
  | { kind: 'truncated' }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** 200 with an embeddings list of `count` vectors, however many texts were sent (a chat client sees no choices). */
  | { kind: 'embeddings-count'; count: number };

export type Reply = string | ((request: ReceivedRequest) => string);

export interface ScriptRule {
  match: RegExp | ((request: ReceivedRequest) => boolean);
  reply?: Reply;
  /** Misbehave instead of replying, for the first `failTimes` matching requests (all when undefined). */
  fail?: Misbehaviour;
  failTimes?: number;
  finishReason?: string;
  latencyMs?: number;
}

export interface ModelServerOptions {
  rules?: ScriptRule[];
  /** Reply when no rule matches; by default `echo: <last user message>`. */
  defaultReply?: Reply;
  /** Delay before a completion is sent (errors and 429s answer at once, as real APIs do). */
  latencyMs?: number;
  /**
   * Token bucket: `perSecond` refill, `burst` capacity (defaults to perSecond). It refills by
   * `now` (milliseconds; performance.now by default): a test's clock, to move time by hand.
   */
  rateLimit?: { perSecond: number; burst?: number; now?: () => number };
  /** When set, any other bearer token gets a 401 that (like a careless server) echoes the key. */
  apiKey?: string;
  /** When set, other model names get a 404. */
  models?: string[];
  /** Models that reject `max_tokens` with OpenAI's 400 asking for `max_completion_tokens`. */
  rejectMaxTokensFor?: RegExp;
  /** Keep request bodies for assertions (default true; the benchmark launcher turns it off). */
  recordRequests?: boolean;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Serve https:// with this certificate (test/support/tls.ts), as hosted endpoints do. */
  tls?: { key: string; cert: string };
  /**
   * Vectors for /embeddings. By default a bag-of-words hashing vector (see `bagOfWordsVector`):
   * texts that share words get a high cosine similarity, texts that share none get 0.
   */
  embeddings?: (text: string, model: string) => number[];
  /** Answer embeddings in reverse order (their `index` still tells which is which), as servers may. */
  shuffleEmbeddings?: boolean;
  /**
   * A flaky model on purpose: a chat request whose system message says `pass-rate: P` gets an
   * answer starting with PASS with probability P, FAIL otherwise (see `randomAnswers`), when no
   * rule replies. Requests without the marker are answered as usual.
   */
  randomPass?: { seed: number };
}

export interface ModelServerStats {
  requests: number;
  inFlight: number;
  peakInFlight: number;
  rateLimited: number;
  completions: number;
  /** Texts embedded (not requests: one embeddings request may carry many texts). */
  embeddings: number;
}

export interface ModelServer {
  /** Base URL including `/v1`, ready for `new OpenAI({ baseURL })`. */
  readonly url: string;
  readonly stats: ModelServerStats;
  readonly requests: ReceivedRequest[];
  /** Misbehave for the next `count` requests (chat or embeddings), whatever they ask. */
  failNext(count: number, behaviour: Misbehaviour): void;
  resetStats(): void;
  close(): Promise<void>;
}

const CHAT_PATHS = new Set(['/v1/chat/completions', '/chat/completions']);
const EMBEDDINGS_PATHS = new Set(['/v1/embeddings', '/embeddings']);
/** Dimension of the default embeddings. */
export const BAG_OF_WORDS_DIMENSIONS = 64;

export async function startModelServer(options: ModelServerOptions = {}): Promise<ModelServer> {
  const rules = options.rules ?? [];
  const ruleFailures = new Map<ScriptRule, number>();
  const recordRequests = options.recordRequests ?? true;
  const requests: ReceivedRequest[] = [];
  const stats: ModelServerStats = { requests: 0, inFlight: 0, peakInFlight: 0, rateLimited: 0, completions: 0, embeddings: 0 };
  const embed = options.embeddings ?? ((text: string) => bagOfWordsVector(text));
  const upcomingFailures: Misbehaviour[] = [];
  const bucket = options.rateLimit ? createTokenBucket(options.rateLimit.perSecond, options.rateLimit.burst, options.rateLimit.now) : undefined;
  const randomAnswer = options.randomPass ? randomAnswers(options.randomPass.seed) : undefined;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && req.url === '/__stats') return sendJson(res, 200, stats);
    const path = req.url ?? '';
    const handle = CHAT_PATHS.has(path) ? handleChat : EMBEDDINGS_PATHS.has(path) ? handleEmbeddings : undefined;
    if (req.method !== 'POST' || !handle) {
      return sendJson(res, 404, apiError(`no route for ${req.method} ${req.url}`, 'invalid_request_error', 'unknown_url'));
    }
    stats.requests++;
    stats.inFlight++;
    if (stats.inFlight > stats.peakInFlight) stats.peakInFlight = stats.inFlight;
    res.once('close', () => stats.inFlight--);
    readBody(req).then(
      (text) => handle(req, res, text),
      () => res.destroy(),
    );
  };

  /** The checks every route makes, in the order real APIs make them; true when an error was sent. */
  function refused(req: IncomingMessage, res: ServerResponse, model: string): boolean {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    if (options.apiKey !== undefined && token !== options.apiKey) {
      sendJson(res, 401, apiError(`Incorrect API key provided: ${token}.`, 'invalid_request_error', 'invalid_api_key'));
      return true;
    }
    if (options.models && !options.models.includes(model)) {
      const message = `The model \`${model}\` does not exist or you do not have access to it.`;
      sendJson(res, 404, apiError(message, 'invalid_request_error', 'model_not_found'));
      return true;
    }
    return false;
  }

  /** failNext and the rate limit, which come after the request's own checks; true when an error was sent. */
  function throttled(res: ServerResponse, texts: string[] = []): boolean {
    const queued = upcomingFailures.shift();
    if (queued) {
      misbehave(res, queued, texts);
      return true;
    }
    if (bucket) {
      const waitMs = bucket.take();
      if (waitMs > 0) {
        rateLimit(res, { kind: 'rate-limit', retryAfterMs: waitMs, retryAfter: Math.ceil(waitMs / 1000) });
        return true;
      }
    }
    return false;
  }

  function handleChat(req: IncomingMessage, res: ServerResponse, text: string): void {
    let body: ChatRequestBody;
    try {
      body = JSON.parse(text) as ChatRequestBody;
    } catch {
      return sendJson(res, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    const request: ReceivedRequest = { kind: 'chat', path: req.url ?? '', headers: req.headers, body, lastUserMessage: lastUserMessage(body) };
    if (recordRequests) requests.push(request);

    if (refused(req, res, body.model)) return;
    if (options.rejectMaxTokensFor?.test(body.model) && body.max_tokens !== undefined) {
      const message = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.";
      return sendJson(res, 400, apiError(message, 'invalid_request_error', 'unsupported_parameter', 'max_tokens'));
    }
    if (throttled(res)) return;
    const rule = rules.find((candidate) => matches(candidate, request));
    if (rule?.fail && shouldFail(rule)) return misbehave(res, rule.fail);

    const random = rule?.reply === undefined && Array.isArray(body.messages) ? randomAnswer?.(body.model, body.messages) : undefined;
    const content = random ?? replyText(rule?.reply ?? options.defaultReply, request);
    const latencyMs = rule?.latencyMs ?? options.latencyMs ?? 0;
    const respond = () => sendCompletion(res, body, content, rule?.finishReason);
    if (latencyMs > 0) setTimeout(respond, latencyMs);
    else respond();
  }

  function handleEmbeddings(req: IncomingMessage, res: ServerResponse, text: string): void {
    let body: ChatRequestBody;
    try {
      body = { ...(JSON.parse(text) as ChatRequestBody), messages: [] };
    } catch {
      return sendJson(res, 400, apiError('We could not parse the JSON body of your request.', 'invalid_request_error'));
    }
    if (recordRequests) requests.push({ kind: 'embeddings', path: req.url ?? '', headers: req.headers, body, lastUserMessage: '' });

    if (refused(req, res, body.model)) return;
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(texts) || texts.length === 0 || texts.some((item) => typeof item !== 'string')) {
      return sendJson(res, 400, apiError("'input' must be a non-empty string or list of strings.", 'invalid_request_error', null, 'input'));
    }
    if (throttled(res, texts)) return;
    const respond = () => sendEmbeddings(res, body.model, texts.map((item) => embed(item, body.model)), countWords(texts.join(' ')));
    const latencyMs = options.latencyMs ?? 0;
    if (latencyMs > 0) setTimeout(respond, latencyMs);
    else respond();
  }

  function sendEmbeddings(res: ServerResponse, model: string, vectors: number[][], promptTokens: number): void {
    stats.embeddings += vectors.length;
    const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding }));
    if (options.shuffleEmbeddings) data.reverse();
    sendJson(res, 200, { object: 'list', data, model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
  }

  function shouldFail(rule: ScriptRule): boolean {
    if (rule.failTimes === undefined) return true;
    const used = ruleFailures.get(rule) ?? 0;
    if (used >= rule.failTimes) return false;
    ruleFailures.set(rule, used + 1);
    return true;
  }

  function misbehave(res: ServerResponse, behaviour: Misbehaviour, texts: string[] = []): void {
    switch (behaviour.kind) {
      case 'rate-limit':
        return rateLimit(res, behaviour);
      case 'status': {
        const headers: Record<string, string> = {};
        if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
        const message = behaviour.message ?? `The server had an error while processing your request (${behaviour.status}).`;
        if (behaviour.status === 429) stats.rateLimited++;
        return sendJson(res, behaviour.status, apiError(message, 'server_error', behaviour.code ?? null), headers);
      }
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"id": "chatcmpl-1", "choices": [ this is not json');
      case 'truncated': {
        const full = '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"cut';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(full.length + 200) });
        res.write(full);
        // Let the partial body reach the client before the socket dies mid-body.
        return void setTimeout(() => res.destroy(), 5);
      }
      case 'hang':
        return;
      case 'embeddings-count': {
        // Real vectors for the texts there are, repeated or cut to the count the misbehaviour wants.
        const vectors = Array.from({ length: behaviour.count }, (_, i) => embed(texts[i % Math.max(1, texts.length)] ?? '', ''));
        return sendEmbeddings(res, '', vectors, countWords(texts.join(' ')));
      }
    }
  }

  function rateLimit(res: ServerResponse, behaviour: Extract<Misbehaviour, { kind: 'rate-limit' }>): void {
    stats.rateLimited++;
    const headers: Record<string, string> = {};
    if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
    if (behaviour.retryAfter !== undefined) headers['retry-after'] = String(behaviour.retryAfter);
    const message = 'Rate limit reached for requests. Please try again later.';
    sendJson(res, 429, apiError(message, 'requests', 'rate_limit_exceeded'), headers);
  }

  function sendCompletion(res: ServerResponse, body: ChatRequestBody, content: string, finishReason = 'stop'): void {
    const limit = body.max_completion_tokens ?? body.max_tokens;
    let words = content.split(/\s+/).filter(Boolean);
    if (limit !== undefined && words.length > limit) {
      words = words.slice(0, limit);
      content = words.join(' ');
      finishReason = 'length';
    }
    const promptTokens = body.messages.reduce((sum, message) => sum + countWords(String(message.content)), 0);
    stats.completions++;
    sendJson(res, 200, {
      id: `chatcmpl-${stats.completions}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason }],
      usage: { prompt_tokens: promptTokens, completion_tokens: words.length, total_tokens: promptTokens + words.length },
    });
  }

  const server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}/v1`,
    stats,
    requests,
    failNext(count, behaviour) {
      for (let i = 0; i < count; i++) upcomingFailures.push(behaviour);
    },
    resetStats() {
      Object.assign(stats, { requests: 0, peakInFlight: stats.inFlight, rateLimited: 0, completions: 0, embeddings: 0 });
      requests.length = 0;
    },
    close() {
      // Hanging requests would keep server.close() waiting forever: cut every socket first.
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers how long until a token is free: 0 means one was taken. */
function createTokenBucket(perSecond: number, burst = perSecond, clock: () => number = () => performance.now()): { take(): number } {
  let tokens = burst;
  let refilledAt = clock();
  return {
    take() {
      const now = clock();
      tokens = Math.min(burst, tokens + ((now - refilledAt) * perSecond) / 1000);
      refilledAt = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil(((1 - tokens) * 1000) / perSecond));
    },
  };
}

function matches(rule: ScriptRule, request: ReceivedRequest): boolean {
  return rule.match instanceof RegExp ? rule.match.test(request.lastUserMessage) : rule.match(request);
}

function replyText(reply: Reply | undefined, request: ReceivedRequest): string {
  if (reply === undefined) return `echo: ${request.lastUserMessage}`;
  return typeof reply === 'string' ? reply : reply(request);
}

function lastUserMessage(body: ChatRequestBody): string {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i]?.role === 'user') return String(messages[i]?.content ?? '');
  }
  return '';
}

/** `pass-rate: 0.7` in a system message. */
const PASS_RATE_MARKER = /\bpass-rate:\s*(\d+(?:\.\d+)?)/;
export const PASS_PREFIX = 'PASS';
export const FAIL_PREFIX = 'FAIL';

/** The pass rate a prompt asks for in its system messages (0 to 1); undefined when it asks for none. */
export function passRateOf(messages: readonly { role: string; content: string }[]): number | undefined {
  for (const message of messages) {
    const match = message.role === 'system' ? PASS_RATE_MARKER.exec(String(message.content)) : null;
    const rate = match ? Number(match[1]) : NaN;
    if (rate >= 0 && rate <= 1) return rate;
  }
  return undefined;
}

/**
 * Random answers for `seed`, one draw a call; undefined for a prompt without a pass rate. Each
 * distinct request (model and messages) has its own seeded stream and the k-th such request gets its
 * k-th draw, so a run's pass counts are the same on every run with the seed however its calls
 * interleave: identical requests are interchangeable. (Two sides sending the very same messages at
 * once would split one stream between them, nondeterministically.) The answer carries its draw's
 * number, so a flaky prompt never looks like a steady one, as a sampled model's would not.
 */
export function randomAnswers(seed: number): (model: string, messages: readonly { role: string; content: string }[]) => string | undefined {
  const streams = new Map<string, { random: () => number; draws: number }>();
  return (model, messages) => {
    const rate = passRateOf(messages);
    if (rate === undefined) return undefined;
    const key = JSON.stringify([model, ...messages.map((message) => [message.role, message.content])]);
    let stream = streams.get(key);
    if (!stream) streams.set(key, (stream = { random: seededRandom(fnv1a(`${seed}\u0000${key}`)), draws: 0 }));
    const draw = ++stream.draws;
    return `${stream.random() < rate ? PASS_PREFIX : FAIL_PREFIX} (answer ${draw})`;
  };
}

/**
 * The default embedding: each lowercased word (a run of letters or digits) adds 1 to one of 64
 * buckets chosen by its FNV-1a hash, and the vector is scaled to length 1, as real embeddings are.
 * Texts with the same words get cosine 1, texts with no word in common usually 0 (unless two
 * words happen to share a bucket); word order does not count. An empty text is the zero vector.
 */
export function bagOfWordsVector(text: string): number[] {
  const vector = new Array<number>(BAG_OF_WORDS_DIMENSIONS).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    vector[fnv1a(word) % BAG_OF_WORDS_DIMENSIONS]! += 1;
  }
  const length = Math.hypot(...vector);
  return length === 0 ? vector : vector.map((value) => value / length);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function apiError(message: string, type: string, code: string | null = null, param: string | null = null) {
  return { error: { message, type, param, code } };
}

function sendJson(res: ServerResponse, status: number, payload: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
