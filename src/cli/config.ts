import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { Problem } from '../types.js';
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

/** A missing default config file is fine; a missing file named by --config is not. */
export async function loadProjectConfig(
  explicitPath: string | undefined,
  cwd: string,
): Promise<{ config: ProjectConfig; problems: Problem[] }> {
  const absolute = resolve(cwd, explicitPath ?? DEFAULT_CONFIG_FILE);
  const file = relative(cwd, absolute) || absolute;
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    if (explicitPath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, problems: [] };
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { config: {}, problems: [{ file, line: 0, column: 0, severity: 'error', message: `cannot read the config file (${reason})` }] };
  }
  return parseProjectConfig(file, text);
}

export function parseProjectConfig(file: string, text: string): { config: ProjectConfig; problems: Problem[] } {
  const source = new YamlSource(text);
  const problems = new ProblemList(file, source);
  for (const error of source.doc.errors) reportYamlError(error, problems, 'error');
  if (problems.hasErrors) return { config: {}, problems: problems.sorted() };
  // An empty file is an empty config, not an error: every setting has a default.
  const data = source.doc.contents === null ? {} : source.doc.toJS();
  checkAgainstSchema(data, problems, OWN_SCHEMAS.config);
  return { config: problems.hasErrors ? {} : (data as ProjectConfig), problems: problems.sorted() };
}
