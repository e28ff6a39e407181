// Builds what the grader needs from resolved settings: the judge and embeddings providers (the
// OpenAI-compatible endpoint, or the offline model), the judge prompts and the caches. The CLI and
// the Action call this; the core only sees the result.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradingSettings } from '../settings/grading.js';
import { ProjectBounds, type PathCheck } from '../fs/project-bounds.js';
import type { GradingSetup } from '../grade/grader.js';
import { JudgePrompts } from '../grade/judge-prompts.js';
import { DEFAULT_SIMILARITY_THRESHOLD } from '../assert/graded-kinds.js';
import type { GradingNeeds } from '../grade/needs.js';
import type { CompletionCache, EmbeddingCache } from '../run/cache.js';
import { checkLocalEmbeddingPackages, createLocalEmbeddingProvider, LOCAL_EMBEDDING_MODEL } from '../provider/local-embeddings.js';
import { ECHO_MODEL } from '../provider/echo.js';
import { createOpenAIEmbeddingProvider, createOpenAIProvider } from '../provider/openai.js';
import type { ProxySettings } from '../provider/proxy.js';
import type { ChatProvider, EmbeddingProvider } from '../run/provider.js';

export interface GradingEnvironment {
  /** The model under test's provider, reused when the judge shares its endpoint. */
  mainProvider: ChatProvider;
  mainBaseURL: string;
  mainApiKey: string;
  timeoutMs: number;
  /** The network's proxy, for the judge's and the embeddings' endpoints too. */
  proxy?: ProxySettings;
  /** Where the user's project is: the offline embedding model is looked up from here first. */
  cwd: string;
  cache?: CompletionCache;
  embeddingCache?: EmbeddingCache;
}

export type PreparedGrading = { ok: true; setup: GradingSetup } | { ok: false; reason: string };

/**
 * The config file comes with the project, maybe from a pull request: the judge prompt it names is
 * read (and quoted in any problem with it) only from inside the project.
 */
async function insideProject(path: string, projectDir: string): Promise<{ ok: true; real: string } | { ok: false; reason: string }> {
  const bounds = await ProjectBounds.of(projectDir);
  let check: PathCheck;
  try {
    check = await bounds.check(path, { mayNameOutside: false });
  } catch (error) {
    return { ok: false, reason: `cannot read judge.rubricPrompt ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  if (check.ok) return { ok: true, real: check.real };
  const where = bounds.namesInside(path) ? `leads through a link to ${check.real}, which is` : 'is';
  return {
    ok: false,
    reason: `judge.rubricPrompt ${relative(bounds.dir, path) || path} ${where} outside the project directory ${bounds.dir}; promptgate reads the judge prompt only from inside the project: copy it there`,
  };
}

/** Fails only for what this run needs: a missing judge key does not matter to a run without a judge. */
export async function prepareGrading(settings: GradingSettings, needs: GradingNeeds, environment: GradingEnvironment): Promise<PreparedGrading> {
  const judgeEndpoint = settings.judge.endpoint;
  if (needs.judge && settings.judge.model === ECHO_MODEL) {
    // It would hand the judge prompt back, which is no verdict: every graded test would error.
    return { ok: false, reason: `the echo model cannot judge llm-rubric or GitHub Models evaluators, it only repeats what it is asked: name a judge model (--judge-model, or judge.model in promptgate.config.yaml)` };
  }
  if (needs.judge && 'problem' in judgeEndpoint) return { ok: false, reason: judgeEndpoint.problem };
  const embeddingEndpoint = settings.embeddings.endpoint;
  const local = settings.embeddings.source === 'local';
  if (needs.embeddings && !local && 'problem' in embeddingEndpoint) return { ok: false, reason: embeddingEndpoint.problem };

  // Like the prompt paths in the config file, relative to the project's directory.
  let rubricPath = settings.judge.rubricPrompt === undefined ? undefined : resolve(environment.cwd, settings.judge.rubricPrompt);
  if (rubricPath !== undefined && needs.rubric) {
    const inside = await insideProject(rubricPath, environment.cwd);
    if (!inside.ok) return inside;
    rubricPath = inside.real;
  }
  const prompts = new JudgePrompts(rubricPath);
  const searchFrom = [environment.cwd, dirname(fileURLToPath(import.meta.url))];
  if (needs.embeddings && local) {
    const installed = checkLocalEmbeddingPackages(searchFrom);
    if (!installed.ok) return installed;
  }
  const loaded = await prompts.preload(needs);
  if (!loaded.ok) return loaded;

  const network = { timeoutMs: environment.timeoutMs, ...(environment.proxy ? { proxy: environment.proxy } : {}) };
  const judge: ChatProvider =
    'problem' in judgeEndpoint || (judgeEndpoint.baseURL === environment.mainBaseURL && judgeEndpoint.apiKey === environment.mainApiKey)
      ? environment.mainProvider
      : createOpenAIProvider({ ...judgeEndpoint, ...network });
  const embeddings: EmbeddingProvider = local
    ? createLocalEmbeddingProvider({ searchFrom })
    : createOpenAIEmbeddingProvider({ ...('problem' in embeddingEndpoint ? { baseURL: environment.mainBaseURL, apiKey: '' } : embeddingEndpoint), ...network });

  const setup: GradingSetup = {
    judge: { provider: judge, parameters: settings.judge.parameters, ...(settings.judge.model === undefined ? {} : { model: settings.judge.model }) },
    embeddings: {
      provider: embeddings,
      model: local ? LOCAL_EMBEDDING_MODEL : settings.embeddings.model,
      defaultThreshold: DEFAULT_SIMILARITY_THRESHOLD[settings.embeddings.source],
    },
    prompts,
    githubPassScore: settings.githubPassScore,
    prices: settings.prices,
  };
  if (environment.cache) setup.cache = environment.cache;
  if (environment.embeddingCache) setup.embeddingCache = environment.embeddingCache;
  return { ok: true, setup };
}
