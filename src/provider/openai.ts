// The one place that speaks to a model endpoint: any OpenAI-compatible API, through the official
// SDK, for chat completions and embeddings alike. It makes exactly one attempt per call (the caller
// owns retries) and turns every HTTP or network problem into a value that says whether trying
// again could help.
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import type { CreateEmbeddingResponse } from 'openai/resources/embeddings';
import type { ChatMessage, ModelParameters } from '../types.js';
import type {
  AttemptFailure,
  AttemptOutcome,
  ChatProvider,
  CompletionRequest,
  EmbeddingAttempt,
  EmbeddingProvider,
  EmbeddingRequest,
} from '../run/provider.js';
import { createRedactor, type Redactor } from '../redact.js';
import { createHttpTransport } from './http-transport.js';
import type { ProxySettings } from './proxy.js';

export interface OpenAIProviderOptions {
  baseURL: string;
  /** May be empty for local servers that need none. */
  apiKey: string;
  /** Per request; the runner also enforces its own per-attempt timeout through the signal. */
  timeoutMs: number;
  /** HTTPS_PROXY, HTTP_PROXY and NO_PROXY; without them every request goes direct. */
  proxy?: ProxySettings;
}

/** Server messages are quoted in reports; a runaway HTML error page should not be. */
const MAX_SERVER_MESSAGE_CHARS = 300;

/** One configured SDK client with what every operation on it needs to describe failures safely. */
interface Connection {
  id: string;
  client: OpenAI;
  hasKey: boolean;
  redact: Redactor;
}

function connect(options: OpenAIProviderOptions): Connection {
  const client = new OpenAI({
    baseURL: options.baseURL,
    // The SDK refuses to start without a key; local servers (Ollama, vLLM) do not check it.
    apiKey: options.apiKey || 'no-api-key',
    maxRetries: 0,
    timeout: options.timeoutMs,
    fetch: createHttpTransport(options.proxy ? { proxy: options.proxy } : {}),
  });
  // The run redacts every key it knows; this adapter hides its own too, for callers outside a run.
  return { id: withoutCredentials(options.baseURL), client, hasKey: options.apiKey !== '', redact: createRedactor([options.apiKey]) };
}

export function createOpenAIProvider(options: OpenAIProviderOptions): ChatProvider {
  return chatProviderOn(connect(options));
}

export function createOpenAIEmbeddingProvider(options: OpenAIProviderOptions): EmbeddingProvider {
  return embeddingProviderOn(connect(options));
}

function chatProviderOn(connection: Connection): ChatProvider {
  const { id, client } = connection;
  // Models that answered "use max_completion_tokens": remembered so later calls ask right away.
  const wantsMaxCompletionTokens = new Set<string>();

  async function attempt(request: CompletionRequest, signal: AbortSignal): Promise<AttemptOutcome> {
    let started = performance.now();
    try {
      let completion: ChatCompletion;
      const knownToWantIt = wantsMaxCompletionTokens.has(request.model);
      try {
        completion = await send(request, knownToWantIt, signal);
      } catch (error) {
        if (knownToWantIt || !asksForMaxCompletionTokens(error, request.parameters)) throw error;
        wantsMaxCompletionTokens.add(request.model);
        started = performance.now();
        completion = await send(request, true, signal);
      }
      return readCompletion(completion, performance.now() - started, id);
    } catch (error) {
      return failureOn(connection, error, signal, { operation: 'chat', model: request.model });
    }
  }

  function send(request: CompletionRequest, useMaxCompletionTokens: boolean, signal: AbortSignal): Promise<ChatCompletion> {
    return client.chat.completions.create(requestBody(request, useMaxCompletionTokens), { signal });
  }

  return { id, attempt };
}

function embeddingProviderOn(connection: Connection): EmbeddingProvider {
  const { id, client } = connection;

  async function embed(request: EmbeddingRequest, signal: AbortSignal): Promise<EmbeddingAttempt> {
    try {
      // 'float' explicitly: without it the SDK asks for base64 and hands back Float32Arrays.
      const answer = await client.embeddings.create({ model: request.model, input: request.input, encoding_format: 'float' }, { signal });
      const outcome = readEmbeddings(answer, request, id);
      if (!outcome.ok) outcome.message = connection.redact(outcome.message);
      return outcome;
    } catch (error) {
      return failureOn(connection, error, signal, { operation: 'embeddings', model: request.model });
    }
  }

  return { id, embed };
}

function failureOn(connection: Connection, error: unknown, signal: AbortSignal, what: Pick<FailureContext, 'operation' | 'model'>): AttemptFailure {
  const failure = describeFailure(error, signal, { id: connection.id, hasKey: connection.hasKey, ...what });
  failure.message = connection.redact(failure.message);
  return failure;
}

function requestBody(request: CompletionRequest, useMaxCompletionTokens: boolean): ChatCompletionCreateParamsNonStreaming {
  const parameters: ModelParameters = request.parameters;
  const body: ChatCompletionCreateParamsNonStreaming = {
    model: request.model,
    messages: request.messages.map(toMessageParam),
  };
  if (parameters.temperature !== undefined) body.temperature = parameters.temperature;
  if (parameters.topP !== undefined) body.top_p = parameters.topP;
  if (parameters.seed !== undefined) body.seed = parameters.seed;
  if (parameters.maxTokens !== undefined) {
    if (useMaxCompletionTokens) body.max_completion_tokens = parameters.maxTokens;
    else body.max_tokens = parameters.maxTokens;
  }
  if (parameters.responseFormat !== undefined) body.response_format = parameters.responseFormat;
  return body;
}

function toMessageParam(message: ChatMessage): ChatCompletionMessageParam {
  // The SDK's union is discriminated by role; ours is one shape with a role field.
  return { role: message.role, content: message.content } as ChatCompletionMessageParam;
}

function readCompletion(completion: ChatCompletion, latencyMs: number, id: string): AttemptOutcome {
  if (typeof completion !== 'object' || completion === null) {
    // The SDK hands back text when the content type is not JSON: an HTML page, a proxy's banner.
    return {
      ok: false,
      retryable: false,
      message: `${id} answered with something that is not a chat completion: check that the base URL points at an OpenAI-compatible API (it usually ends in /v1)`,
    };
  }
  const choice = (completion as Partial<ChatCompletion>).choices?.[0];
  if (!choice?.message) return { ok: false, retryable: true, message: `the answer from ${id} had no choices (malformed response)` };
  const usage = completion.usage;
  return {
    ok: true,
    completion: {
      output: choice.message.content ?? choice.message.refusal ?? '',
      latencyMs: Math.round(latencyMs),
      ...(choice.finish_reason ? { finishReason: choice.finish_reason } : {}),
      ...(usage ? { usage: { prompt: usage.prompt_tokens, completion: usage.completion_tokens, total: usage.total_tokens } } : {}),
    },
  };
}

/**
 * Servers may reorder `data`, and a server that does not really serve embeddings may answer 200
 * with anything: only one finite, equally long vector per input, placed by `index`, is an answer.
 */
function readEmbeddings(answer: CreateEmbeddingResponse, request: EmbeddingRequest, id: string): EmbeddingAttempt {
  const malformed = (problem: string): AttemptFailure => ({
    ok: false,
    retryable: false,
    message:
      `${id} sent a malformed embeddings answer for the model "${request.model}": ${problem} — ` +
      'a chat-only server may not serve /embeddings; `embeddings: {source: local}` computes them offline instead',
  });
  if (typeof answer !== 'object' || answer === null) return malformed('it is not a JSON object');
  const data: unknown = (answer as Partial<CreateEmbeddingResponse>).data;
  if (!Array.isArray(data)) return malformed('it has no "data" list');
  if (data.length !== request.input.length) return malformed(`expected ${request.input.length} embeddings, got ${data.length}`);

  const vectors: number[][] = new Array<number[]>(data.length);
  for (const item of data as unknown[]) {
    const index = (item as { index?: unknown } | null)?.index;
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= data.length) {
      return malformed(`an embedding has no usable index (${JSON.stringify(index) ?? 'none'})`);
    }
    if (vectors[index] !== undefined) return malformed(`two embeddings claim index ${index}`);
    const vector = (item as { embedding?: unknown }).embedding;
    if (!isVector(vector)) return malformed(`the embedding at index ${index} is not a non-empty list of numbers`);
    vectors[index] = vector;
  }
  const dimensions = vectors[0]?.length;
  if (vectors.some((vector) => vector.length !== dimensions)) return malformed('the embeddings differ in length');

  const usage = (answer as Partial<CreateEmbeddingResponse>).usage;
  const readable = usage && Number.isFinite(usage.prompt_tokens) && Number.isFinite(usage.total_tokens);
  return { ok: true, vectors, ...(readable ? { usage: { prompt: usage.prompt_tokens, total: usage.total_tokens } } : {}) };
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'number' && Number.isFinite(item));
}

function asksForMaxCompletionTokens(error: unknown, parameters: ModelParameters): boolean {
  if (!(error instanceof APIError) || error.status !== 400 || parameters.maxTokens === undefined) return false;
  return error.param === 'max_tokens' || /max_completion_tokens/.test(error.message);
}

interface FailureContext {
  id: string;
  /** Which API was called: the hints for a 404 or a 400 differ. */
  operation: 'chat' | 'embeddings';
  model: string;
  hasKey: boolean;
}

function describeFailure(error: unknown, signal: AbortSignal, context: FailureContext): AttemptFailure {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof Error && reason.name === 'TimeoutError') {
      return { ok: false, retryable: true, message: reason.message || 'the request timed out' };
    }
    return { ok: false, retryable: false, message: 'the run was cancelled' };
  }
  if (error instanceof APIConnectionTimeoutError) {
    return { ok: false, retryable: true, message: `no answer from ${context.id} in time (timeout)` };
  }
  if (error instanceof APIUserAbortError) return { ok: false, retryable: false, message: 'the request was aborted' };
  if (error instanceof APIError && error.status !== undefined) return describeHttpFailure(error, error.status, context);
  if (error instanceof APIError) {
    const unreachable = UNREACHABLE_CODES.has(connectionCode(error) ?? '') ? { unreachable: true } : {};
    return { ok: false, retryable: true, ...unreachable, message: `could not reach ${context.id}: ${connectionProblem(error)}` };
  }
  if (error instanceof SyntaxError) {
    return { ok: false, retryable: true, message: `the answer from ${context.id} was not valid JSON (malformed or cut off)` };
  }
  // Anything else thrown while reading the body: a reset or a connection closed mid-answer.
  return { ok: false, retryable: true, message: `the connection to ${context.id} failed while reading the answer: ${connectionProblem(error)}` };
}

function describeHttpFailure(error: APIError, status: number, context: FailureContext): AttemptFailure {
  const said = serverMessage(error);
  const retryAfterMs = error.headers ? retryAfterFromHeaders(error.headers) : undefined;
  const timing = retryAfterMs === undefined ? {} : { retryAfterMs };
  if (status === 429 && error.code === 'insufficient_quota') {
    // OpenAI's "you have run out of credit" is a 429 too, but no amount of waiting fixes it.
    return { ok: false, status, retryable: false, message: `${context.id} answered 429: ${said} — the account's quota is used up: check its plan and billing` };
  }
  if (status === 429) {
    return { ok: false, status, retryable: true, rateLimited: true, ...timing, message: `rate limited by ${context.id} (429): ${said}` };
  }
  if (status === 408 || status === 409 || status >= 500) {
    return { ok: false, status, retryable: true, ...timing, message: `${context.id} answered ${status}: ${said}` };
  }
  return { ok: false, status, retryable: false, message: `${context.id} answered ${status}: ${said} — ${hintFor(status, context)}` };
}

function hintFor(status: number, context: FailureContext): string {
  switch (status) {
    case 401:
      return context.hasKey
        ? 'check the API key: it was refused by this endpoint'
        : 'no API key was given: set one for this endpoint';
    case 403:
      return `check that the API key may use the model "${context.model}"`;
    case 407:
      // The network's proxy, not the endpoint, said it: it wants credentials in the proxy URL.
      return 'the proxy asks for a user and password: put them in HTTPS_PROXY (or HTTP_PROXY) as http://user:password@host:port';
    case 404:
      return context.operation === 'embeddings'
        ? `check the embedding model name ("${context.model}") and the base URL (${context.id}): endpoints differ in which ` +
            'embedding models they serve (Ollama, for one, needs an embedding model such as nomic-embed-text), and a ' +
            'chat-only server may not serve /embeddings at all; `embeddings: {source: local}` computes them offline instead'
        : `check the model name ("${context.model}") and the base URL (${context.id}; OpenAI-compatible URLs usually end in /v1)`;
    case 400:
    case 422:
      return context.operation === 'embeddings'
        ? `the endpoint rejected the embeddings request: check that "${context.model}" is an embedding model`
        : 'the endpoint rejected the request: check the model parameters (temperature, max tokens, response format) for this model';
    default:
      return 'this is not a problem a retry can fix';
  }
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  const text = typeof body?.message === 'string' ? body.message : error.message;
  return text.length > MAX_SERVER_MESSAGE_CHARS ? `${text.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : text;
}

/**
 * Nothing listens at the address, or the host does not exist: another try in a second rarely finds
 * it otherwise. A reset, a timeout or a temporary DNS failure (EAI_AGAIN) may heal, so they are not here.
 */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND']);

/** The system error code (ECONNREFUSED…) nested somewhere in the error's causes. */
function connectionCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

function connectionProblem(error: unknown): string {
  // undici nests the useful part: TypeError('fetch failed') ← Error('connect ECONNREFUSED …').
  let current: unknown = error;
  let detail = error instanceof Error ? error.message : String(error);
  for (let depth = 0; depth < 4 && current instanceof Error && current.cause !== undefined; depth++) {
    current = current.cause;
    if (current instanceof Error && current.message) detail = current.message;
  }
  return detail;
}

/** `retry-after-ms` (OpenAI's, precise) wins over `retry-after` (seconds or an HTTP date). */
export function retryAfterFromHeaders(headers: Headers, now = Date.now()): number | undefined {
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null) {
    const value = Number.parseFloat(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null || retryAfter.trim() === '') return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The base URL as an identity for cache keys and messages: user:password@ and query secrets removed. */
function withoutCredentials(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/$/, '');
  } catch {
    return baseURL;
  }
}
