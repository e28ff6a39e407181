// A `fetch` for the OpenAI SDK built on node:http(s) with keep-alive agents. Node's own fetch
// spends about 0.8 ms of CPU per chat request on web-stream plumbing; on a 2-core CI runner that
// CPU is wall time, and across thousands of cases it was most of promptgate's own overhead.
// The SDK still builds the requests and reads the answers: this only moves the bytes.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { agentChooser, type ProxySettings } from './proxy.js';

type FetchInput = string | URL | Request;

export interface HttpTransportOptions {
  /** HTTPS_PROXY, HTTP_PROXY and NO_PROXY as the edge resolved them; none: every request goes direct. */
  proxy?: ProxySettings;
}

export function createHttpTransport(options: HttpTransportOptions = {}): typeof fetch {
  const agentFor = agentChooser(options.proxy);

  return async function transport(input: FetchInput, init: RequestInit = {}): Promise<Response> {
    if (input instanceof Request) return fetch(input, init); // not what the SDK sends; keep it correct anyway
    const url = new URL(input);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`unsupported protocol ${url.protocol} in ${url.origin}`);
    const { agent, via } = agentFor(url);
    const body = await bodyBytes(init.body);
    const headers = headerRecord(init.headers);
    if (body !== undefined) headers['content-length'] = String(body.byteLength);

    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(abortError(signal));
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const request = send(url, { method: init.method ?? 'GET', headers, agent }, (response) => {
        readBody(response).then(
          (bytes) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(new Response(isNullBodyStatus(response.statusCode) ? null : bytes, {
              status: response.statusCode ?? 0,
              statusText: response.statusMessage ?? '',
              headers: responseHeaders(response),
            }));
          },
          (error: Error) => {
            signal?.removeEventListener('abort', onAbort);
            reject(signal?.aborted ? abortError(signal) : networkError('the response was cut off', error, via));
          },
        );
      });
      const onAbort = () => request.destroy(abortError(signal!));
      signal?.addEventListener('abort', onAbort, { once: true });
      request.once('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(signal?.aborted ? abortError(signal) : networkError('the request failed', error, via));
      });
      request.end(body);
    });
  } as typeof fetch;
}

/** Reads the whole body, undoing any content encoding; rejects when the connection ends early. */
function readBody(response: IncomingMessage): Promise<Buffer> {
  const encoding = String(response.headers['content-encoding'] ?? '').toLowerCase();
  const decoder = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  const stream: Readable = decoder ? response.pipe(decoder) : response;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.once('end', () => {
      // A body shorter than its content-length means the server or a proxy hung up half-way.
      if (!response.complete) reject(new Error('connection closed before the body was complete'));
      else resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    stream.once('error', reject);
    response.once('aborted', () => reject(new Error('connection closed before the body was complete')));
    if (decoder) response.once('error', reject);
  });
}

async function bodyBytes(body: RequestInit['body']): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  // Streams, forms and blobs: let the platform serialise them.
  return Buffer.from(await new Response(body).arrayBuffer());
}

function headerRecord(headers: RequestInit['headers']): Record<string, string> {
  const record: Record<string, string> = {};
  if (!headers) return record;
  if (headers instanceof Headers || Array.isArray(headers)) {
    for (const [key, value] of headers as Iterable<[string, string]>) record[key.toLowerCase()] = value;
  } else {
    for (const [key, value] of Object.entries(headers)) if (value !== undefined) record[key.toLowerCase()] = String(value);
  }
  return record;
}

function responseHeaders(response: IncomingMessage): Headers {
  const headers = new Headers();
  const raw = response.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i]!, raw[i + 1]!);
  return headers;
}

function isNullBodyStatus(status: number | undefined): boolean {
  return status === 204 || status === 205 || status === 304;
}

function abortError(signal: AbortSignal): Error {
  // Like fetch, reject with the signal's own reason: the caller tells a timeout from a cancellation by it.
  return signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError');
}

function networkError(what: string, cause: Error, via: string | undefined): TypeError {
  // The SDK quotes the innermost cause; through a proxy, its address alone would be taken for the
  // endpoint's. The system code stays, so a refused connection is still told from a reset.
  const detail = via === undefined ? cause : Object.assign(new Error(`${cause.message} (through the proxy ${via})`), { code: (cause as NodeJS.ErrnoException).code });
  // fetch reports network failures as TypeError; the SDK maps that to a retryable connection error.
  return new TypeError(`${what}: ${detail.message}`, { cause: detail });
}
