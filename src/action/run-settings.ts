// The engine's settings for this run: the Action's inputs, then promptgate.config.yaml, then the
// defaults the CLI uses too (settings/defaults.ts), so the Action and the CLI judge the same files alike.
import { resolve } from 'node:path';
import type { ProjectConfig } from '../settings/config.js';
import { compareSettingsOf, type EngineSettings } from '../settings/engine.js';
import { resolveGradingSettings } from '../settings/grading.js';
import { DEFAULT_CACHE_DIR, DEFAULT_CONCURRENCY, DEFAULT_MAX_RETRY_TIME_MS, DEFAULT_TIMEOUT_MS } from '../settings/defaults.js';
import { endpointNeedsKey, OPENAI_BASE_URL } from '../settings/endpoint.js';
import { proxySettingsOf } from '../settings/proxy.js';
import { ECHO_MODEL } from '../provider/echo.js';
import { InputError } from './input-error.js';
import type { ActionInputs } from './inputs.js';

/** The engine's settings, and what only the Action needs besides. */
export interface ActionSettings extends EngineSettings {
  /** Empty for endpoints that need none. */
  apiKey: string;
  /** The endpoint needs a key and none was given. */
  missingApiKey: boolean;
  /** The run fails when the overall pass rate is below this, even if each test met its own. */
  minPassRate?: number;
  /** Absolute; undefined when caching is off. */
  cacheDir?: string;
  /** Absolute path of the workspace: the offline embedding model is looked up from here. */
  workspace: string;
}

/**
 * `env` supplies the judge's and the embeddings' key variables (PROMPTGATE_JUDGE_API_KEY, or those
 * the config names), as the step's `env:` sets them; tests pass their own.
 */
export function resolveEngineSettings(
  inputs: ActionInputs,
  config: ProjectConfig,
  workspace: string,
  env: NodeJS.ProcessEnv = process.env,
): ActionSettings {
  const baseURL = inputs.baseUrl ?? config.baseUrl ?? OPENAI_BASE_URL;
  const cacheOff = inputs.cacheDir === undefined || config.cache === false;
  const judge = { judgeModel: inputs.judgeModel, modelOverride: inputs.model, judgeBaseUrl: inputs.judgeBaseUrl, judgeApiKey: inputs.judgeApiKey === '' ? undefined : inputs.judgeApiKey };
  // A runner behind a corporate proxy sets HTTPS_PROXY for the job, as the CLI reads it.
  const network = proxySettingsOf(env);
  if (!network.ok) throw new InputError(network.problem);
  return {
    baseURL,
    apiKey: inputs.apiKey,
    // As in the CLI: OpenAI itself needs a key; local servers (Ollama, vLLM) do without.
    // `model: echo` answers on the runner itself: the endpoint, and so its key, is never used.
    missingApiKey: inputs.apiKey === '' && endpointNeedsKey(baseURL) && inputs.model !== ECHO_MODEL,
    modelOverride: inputs.model,
    defaultModel: config.model,
    concurrency: inputs.concurrency ?? config.concurrency ?? DEFAULT_CONCURRENCY,
    timeoutMs: config.timeout ?? DEFAULT_TIMEOUT_MS,
    maxRetryTimeMs: config.maxRetryTime ?? DEFAULT_MAX_RETRY_TIME_MS,
    repeat: inputs.repeat ?? config.repeat,
    minPassRate: inputs.minPassRate ?? config.minPassRate,
    cacheDir: cacheOff ? undefined : resolve(workspace, inputs.cacheDir ?? DEFAULT_CACHE_DIR),
    workspace: resolve(workspace),
    compare: compareSettingsOf(config),
    ...(network.proxy ? { proxy: network.proxy } : {}),
    grading: resolveGradingSettings(config, judge, env, { baseURL, apiKey: inputs.apiKey }),
  };
}

