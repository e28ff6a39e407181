// Endpoints, as both edges take them: where OpenAI is, which endpoints need a key, which URLs can be one.

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Hosted OpenAI needs a key; local servers (Ollama, vLLM, LM Studio) ignore it. */
export function endpointNeedsKey(baseURL: string): boolean {
  return URL.canParse(baseURL) && new URL(baseURL).hostname === 'api.openai.com';
}

/**
 * Why `url` cannot be an endpoint, or undefined when it can. Only http(s): the SDK would take
 * ftp: or file: and fail every call, a provider error (exit 3) for what is a typo in the input.
 */
export function urlProblem(url: string, what: string): string | undefined {
  const example = 'expected something like http://localhost:11434/v1';
  if (!URL.canParse(url)) return `${what} ${shownWithoutSecrets(url)} is not a URL; ${example}`;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `${what} "${withoutCredentials(url, parsed)}" must be an http:// or https:// URL, not ${parsed.protocol}; ${example}`;
  }
  return undefined;
}

/** The URL as written, less a user, password, query or fragment, any of which can carry a key. */
function withoutCredentials(url: string, parsed: URL): string {
  if (parsed.username === '' && parsed.password === '' && parsed.search === '' && parsed.hash === '') return url;
  const safe = new URL(parsed.href);
  safe.username = '';
  safe.password = '';
  safe.search = '';
  safe.hash = '';
  return safe.href;
}

/**
 * The message is printed before the run knows its secrets, and a key pasted where the URL goes is
 * a common slip: a long value is described, not quoted.
 */
function shownWithoutSecrets(value: string): string {
  return value.length <= MAX_QUOTED_CHARS ? `"${value}"` : `(${value.length} characters starting "${value.slice(0, 4)}")`;
}

/** Long enough for a mistyped URL, shorter than API keys (OpenAI's are 51 characters and more). */
const MAX_QUOTED_CHARS = 32;

/** An environment variable's value, or undefined when it is unset or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
