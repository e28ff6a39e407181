// The pieces the engine (engine.ts) is assembled from, each from one EngineSettings: the model's
// provider, the grading environment, the plan's model choices and the runner's limits.
import type { SelectOptions } from '../pipeline.js';
import { withEchoModel } from '../provider/echo.js';
import { createOpenAIProvider } from '../provider/openai.js';
import type { CompletionCache, EmbeddingCache } from '../run/cache.js';
import type { ProxySettings } from '../provider/proxy.js';
import type { ChatProvider } from '../run/provider.js';
import type { EngineSettings } from '../settings/engine.js';
import type { GradingEnvironment } from './grading-setup.js';

/** The provider for the model under test; the built-in `echo` model is answered without the endpoint. */
export function modelProvider(settings: EngineSettings): ChatProvider {
  return withEchoModel(createOpenAIProvider({ baseURL: settings.baseURL, apiKey: settings.apiKey, timeoutMs: settings.timeoutMs, ...proxyOf(settings) }));
}

/** What grading setup needs: the judge shares the model's provider (and key) when it shares its endpoint. */
export function gradingEnvironment(
  settings: EngineSettings,
  parts: { mainProvider: ChatProvider; cwd: string; cache?: CompletionCache; embeddingCache?: EmbeddingCache },
): GradingEnvironment {
  return {
    mainProvider: parts.mainProvider,
    mainBaseURL: settings.baseURL,
    mainApiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs,
    ...proxyOf(settings),
    cwd: parts.cwd,
    ...(parts.cache ? { cache: parts.cache } : {}),
    ...(parts.embeddingCache ? { embeddingCache: parts.embeddingCache } : {}),
  };
}

function proxyOf(settings: EngineSettings): { proxy?: ProxySettings } {
  return settings.proxy ? { proxy: settings.proxy } : {};
}

/**
 * Which model each file runs with, every test of it. `withRepeat: false` plans one sample a test, for
 * callers that only ask what the cases need (their grading), not how many calls they make.
 */
export function planOptions(settings: EngineSettings, selection: { tests?: readonly string[]; only?: ReadonlySet<string>; withRepeat?: boolean } = {}): SelectOptions {
  return {
    modelOverride: settings.modelOverride,
    ...(settings.models ? { models: settings.models } : {}),
    defaultModel: settings.defaultModel,
    ...(selection.withRepeat === false ? {} : { repeat: settings.repeat }),
    tests: selection.tests ?? [],
    ...(selection.only ? { only: selection.only } : {}),
  };
}

/** The runner's limits and the prices, as every run takes them. */
export function runLimits(settings: EngineSettings): { concurrency: number; timeoutMs: number; maxRetryTimeMs: number; prices: EngineSettings['grading']['prices'] } {
  return {
    concurrency: settings.concurrency,
    timeoutMs: settings.timeoutMs,
    maxRetryTimeMs: settings.maxRetryTimeMs,
    prices: settings.grading.prices,
  };
}
