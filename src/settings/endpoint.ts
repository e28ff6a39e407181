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
  if (!URL.canParse(url)) return `${what} "${url}" is not a URL; ${example}`;
  const { protocol } = new URL(url);
  if (protocol !== 'http:' && protocol !== 'https:') return `${what} "${url}" must be an http:// or https:// URL, not ${protocol}; ${example}`;
  return undefined;
}

/** An environment variable's value, or undefined when it is unset or blank. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
