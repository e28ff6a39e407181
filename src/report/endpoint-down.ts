// What a run says when it stopped calling an endpoint: what it tried (the URL, never its
// credentials, and the model), what came back, and what to check. One message for the whole run,
// told by the CLI before it exits 3 and by the Action as the step's failure.
import type { EndpointDown } from '../types.js';
import { plural } from './numbers.js';

/**
 * Plain text, one paragraph per endpoint and error: models that met the same one (nothing listening
 * refuses them all alike) share it. The caller makes it safe for where it goes.
 */
export function describeEndpointsDown(down: readonly EndpointDown[]): string {
  return endpointsDownParagraphs(down).map((lines) => lines.join('\n  ')).join('\n');
}

/** The same as lines: for each paragraph, what was tried and what was not sent, the error, what to check. */
export function endpointsDownParagraphs(down: readonly EndpointDown[]): [string, string, string][] {
  return mergedByError(down).map(endpointDownLines);
}

/** An endpoint down for one model or several (`models`, in the order they stopped). */
type Stopped = EndpointDown & { models?: string[] };

function endpointDownLines(down: Stopped): [string, string, string] {
  const notSent = down.notSent > 0 ? `; the other ${plural(down.notSent, 'call')} ${down.notSent === 1 ? 'was' : 'were'} not sent` : '';
  const models = down.models ?? [down.model];
  const which = models.length === 1 ? `the model "${models[0]}"` : `the models ${models.map((model) => `"${model}"`).join(', ')}`;
  return [
    `the endpoint ${down.endpoint} failed every call for ${which}: ${plural(down.failedAttempts, 'attempt')}, none succeeded${notSent}.`,
    // A server's message may span lines; here it is one.
    `error: ${down.error.replace(/\s*[\r\n]+\s*/g, ' ')}`,
    `check: ${whatToCheck(down, models.map((model) => `"${model}"`).join(', '))}`,
  ];
}

function mergedByError(down: readonly EndpointDown[]): Stopped[] {
  const merged = new Map<string, Stopped & { models: string[] }>();
  for (const one of down) {
    const key = `${one.endpoint}\n${one.status ?? ''}\n${one.error}`;
    const seen = merged.get(key);
    if (!seen) merged.set(key, { ...one, models: [one.model] });
    else merged.set(key, { ...seen, models: [...seen.models, one.model], failedAttempts: seen.failedAttempts + one.failedAttempts, notSent: seen.notSent + one.notSent });
  }
  return [...merged.values()];
}

function whatToCheck(down: EndpointDown, models: string): string {
  switch (down.status) {
    case undefined:
      return `that a server is running at ${down.endpoint}, and the base URL's host and port`;
    case 401:
      return 'the API key: this endpoint refused it (or none was given)';
    case 403:
      return `that the API key may use the model ${models}`;
    default:
      return `the base URL (OpenAI-compatible URLs usually end in /v1) and the model name ${models}`;
  }
}
