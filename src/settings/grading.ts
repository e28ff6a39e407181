// Settings for graded assertions (judge, embeddings, GitHub Models pass mark, prices), resolved the
// same way for the CLI and the Action: an override (flag or input) wins over the config file,
// which wins over the defaults. A judge or embeddings endpoint other than the model under test's
// never gets the main API key: a key is sent only to the host it was issued for.
import { mergePrices, type Price } from '../cost/prices.js';
import type { ModelParameters } from '../types.js';
import type { ProjectConfig } from './config.js';
import { endpointNeedsKey, nonEmpty, urlProblem } from './endpoint.js';

/** GitHub passed any score above 0, so a 2-of-5 answer passed; 0.75 is 4 of 5 on its scale. */
export const DEFAULT_GITHUB_PASS_SCORE = 0.75;
export const DEFAULT_EMBEDDING_MODEL = 'text-embedding-3-small';
export const JUDGE_KEY_ENV = 'PROMPTGATE_JUDGE_API_KEY';
export const EMBEDDINGS_KEY_ENV = 'PROMPTGATE_EMBEDDINGS_API_KEY';

/** An endpoint ready to call, or why it cannot be (reported only if a run needs it). */
export type Endpoint = { baseURL: string; apiKey: string } | { problem: string };

export interface GradingSettings {
  judge: { endpoint: Endpoint; model?: string; parameters: ModelParameters; rubricPrompt?: string };
  embeddings: { source: 'endpoint' | 'local'; endpoint: Endpoint; model: string };
  githubPassScore: number;
  prices: Record<string, Price>;
}

export interface GradingOverrides {
  judgeModel?: string;
  /** `--model` (the Action's `model`): replaces every file's model, the judges' included, when no judge model is set. */
  modelOverride?: string;
  judgeBaseUrl?: string;
  judgeApiKey?: string;
}

export function resolveGradingSettings(
  config: ProjectConfig,
  overrides: GradingOverrides,
  env: NodeJS.ProcessEnv,
  main: { baseURL: string; apiKey: string },
): GradingSettings {
  const judge = config.judge ?? {};
  const parameters: ModelParameters = {};
  if (judge.temperature !== undefined) parameters.temperature = judge.temperature;
  if (judge.maxTokens !== undefined) parameters.maxTokens = judge.maxTokens;
  const embeddings = config.embeddings ?? {};
  const settings: GradingSettings = {
    judge: {
      endpoint: endpointFor('judge', overrides.judgeBaseUrl ?? judge.baseUrl, overrides.judgeApiKey, judge.apiKeyEnv ?? JUDGE_KEY_ENV, env, main, config.apiKeyEnv),
      parameters,
    },
    embeddings: {
      source: embeddings.source ?? 'endpoint',
      endpoint: endpointFor('embeddings', embeddings.baseUrl, undefined, embeddings.apiKeyEnv ?? EMBEDDINGS_KEY_ENV, env, main, config.apiKeyEnv),
      model: embeddings.model ?? DEFAULT_EMBEDDING_MODEL,
    },
    githubPassScore: config.githubModelsPassScore ?? DEFAULT_GITHUB_PASS_SCORE,
    prices: mergePrices(config.prices),
  };
  // As for the editor prompt: --model means "this endpoint answers with this model", judges included.
  const model = overrides.judgeModel ?? judge.model ?? overrides.modelOverride;
  if (model !== undefined) settings.judge.model = model;
  if (judge.rubricPrompt !== undefined) settings.judge.rubricPrompt = judge.rubricPrompt;
  return settings;
}

/**
 * Every key a run with these settings may send: the model's, the judge's and the embeddings'. The
 * latter two may come from environment variables rather than flags or inputs, and any endpoint may
 * echo a key it was sent, so the run's redactor needs all of them.
 */
export function keysOf(main: { apiKey: string }, grading: GradingSettings): string[] {
  const keyOf = (endpoint: Endpoint): string[] => ('apiKey' in endpoint && endpoint.apiKey !== '' ? [endpoint.apiKey] : []);
  return [...new Set([main.apiKey, ...keyOf(grading.judge.endpoint), ...keyOf(grading.embeddings.endpoint)].filter((key) => key !== ''))];
}

function endpointFor(
  what: 'judge' | 'embeddings',
  baseURL: string | undefined,
  explicitKey: string | undefined,
  keyEnv: string,
  env: NodeJS.ProcessEnv,
  main: { baseURL: string; apiKey: string },
  mainKeyEnv: string | undefined,
): Endpoint {
  if (baseURL === undefined || sameEndpoint(baseURL, main.baseURL)) {
    if (explicitKey) return { baseURL: main.baseURL, apiKey: explicitKey };
    // The model under test runs without the key its endpoint needs only as the built-in echo
    // model (`--model echo`); a judge or embeddings call there would be refused with a 401.
    if (main.apiKey === '' && endpointNeedsKey(main.baseURL)) {
      return { problem: `no API key for the ${what} endpoint ${main.baseURL}: set ${mainKeyEnv ?? 'OPENAI_API_KEY'} (the echo model needs none; the ${what} does)` };
    }
    return main;
  }
  const badUrl = urlProblem(baseURL, `the ${what} base URL`);
  if (badUrl) return { problem: badUrl };
  const apiKey = explicitKey || nonEmpty(env[keyEnv]);
  if (apiKey !== undefined) return { baseURL, apiKey };
  if (endpointNeedsKey(baseURL)) return { problem: `no API key for the ${what} endpoint ${baseURL}: set ${keyEnv}` };
  return { baseURL, apiKey: '' };
}

function sameEndpoint(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}
