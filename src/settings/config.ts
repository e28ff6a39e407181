import { relative, resolve } from 'node:path';
import { ProjectBounds } from '../fs/project-bounds.js';
import { readUtf8File, type Decoded } from '../fs/utf8.js';
import type { Problem } from '../types.js';
import { checkGateDeclarations, declaredGates, type DeclaredGate, type GateDeclaration } from './gates.js';
import { reportYamlError } from '../suite/load.js';
import { ProblemList } from '../suite/problems.js';
import { checkAgainstSchema } from '../suite/schema-check.js';
import { YamlSource } from '../suite/yaml-source.js';
import { OWN_SCHEMAS } from '../suite/schema-ajv.js';

/** promptgate.config.yaml, as documented in schema/config.schema.json. */
export interface ProjectConfig {
  baseUrl?: string;
  apiKeyEnv?: string;
  model?: string;
  prompts?: string[];
  concurrency?: number;
  timeout?: number;
  maxRetryTime?: number;
  repeat?: number;
  minPassRate?: number;
  compare?: { falseAlarmRate?: number; maxSamples?: number; budget?: number };
  gates?: GateDeclaration[];
  cache?: boolean;
  cacheDir?: string;
  judge?: {
    baseUrl?: string;
    apiKeyEnv?: string;
    model?: string;
    temperature?: number;
    maxTokens?: number;
    rubricPrompt?: string;
  };
  embeddings?: { source?: 'endpoint' | 'local'; model?: string; baseUrl?: string; apiKeyEnv?: string };
  githubModelsPassScore?: number;
  prices?: Record<string, { input: number; output: number }>;
}

export const DEFAULT_CONFIG_FILE = 'promptgate.config.yaml';

export interface LoadedConfig {
  config: ProjectConfig;
  problems: Problem[];
  /** `config.gates` as gates, each with where it is declared (empty when the config has problems). */
  gates: DeclaredGate[];
}

/** A missing default config file is fine; a missing file named by --config is not. */
export async function loadProjectConfig(
  explicitPath: string | undefined,
  cwd: string,
): Promise<LoadedConfig> {
  const absolute = resolve(cwd, explicitPath ?? DEFAULT_CONFIG_FILE);
  const file = relative(cwd, absolute) || absolute;
  const fail = (message: string, line = 0, column = 0): LoadedConfig => ({ config: {}, problems: [{ file, line, column, severity: 'error', message }], gates: [] });
  let decoded: Decoded;
  try {
    // The default file is the project's own, maybe from a pull request; only --config may point elsewhere.
    const bounds = await ProjectBounds.of(cwd);
    const check = await bounds.check(absolute, { mayNameOutside: explicitPath !== undefined });
    if (!check.ok) {
      return fail(`leads through a link to ${check.real}, outside the project directory ${bounds.dir}; promptgate does not follow links out of the project: replace the link with the file itself`);
    }
    decoded = await readUtf8File(check.real);
  } catch (error) {
    if (explicitPath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, problems: [], gates: [] };
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return fail(`cannot read the config file (${reason})`);
  }
  if (!decoded.ok) return fail(decoded.message, decoded.line, decoded.column);
  return parseProjectConfig(file, decoded.text);
}

export function parseProjectConfig(file: string, text: string): LoadedConfig {
  const source = new YamlSource(text);
  const problems = new ProblemList(file, source);
  for (const error of source.doc.errors) reportYamlError(error, problems, 'error');
  if (problems.hasErrors) return { config: {}, problems: problems.sorted(), gates: [] };
  // An empty file is an empty config, not an error: every setting has a default.
  const read = source.doc.contents === null ? { ok: true as const, data: {} } : source.toData();
  if (!read.ok) {
    problems.errorAt(read.position, read.message);
    return { config: {}, problems: problems.sorted(), gates: [] };
  }
  const data = read.data;
  checkAgainstSchema(data, problems, OWN_SCHEMAS.config);
  if (!problems.hasErrors) checkGateDeclarations((data as ProjectConfig).gates, problems);
  if (problems.hasErrors) return { config: {}, problems: problems.sorted(), gates: [] };
  const config = data as ProjectConfig;
  return { config, problems: problems.sorted(), gates: declaredGates(config.gates, file, source) };
}
