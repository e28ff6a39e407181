// The engine's settings, resolved by either edge (cli/settings.ts from flags, action/run-settings.ts
// from inputs) from its own inputs, then promptgate.config.yaml, then settings/defaults.ts.
import { DEFAULT_COMPARE_SETTINGS, type CompareSettings } from '../compare/design.js';
import type { ProxySettings } from '../provider/proxy.js';
import type { ProjectConfig } from './config.js';
import type { GradingSettings } from './grading.js';

export interface EngineSettings {
  baseURL: string;
  /** Never printed. */
  apiKey: string;
  /** A model for every file of the run, replacing the one each file names (`--model`, the `model` input). */
  modelOverride?: string;
  /** Several models, each running every file once (`--model a --model b`); replaces modelOverride. */
  models?: string[];
  /** From the config file: for prompt files that name no model. */
  defaultModel?: string;
  concurrency: number;
  timeoutMs: number;
  maxRetryTimeMs: number;
  /** Overrides every test's `repeat`. */
  repeat?: number;
  /** Undefined when caching is off. */
  cacheDir?: string;
  /** Judge, embeddings, GitHub Models pass mark and prices. */
  grading: GradingSettings;
  /** How a test is compared with its earlier version. */
  compare: CompareSettings;
  /** The network's HTTP(S) proxy, for every endpoint the run calls (settings/proxy.ts); absent: direct. */
  proxy?: ProxySettings;
}

/** The config file's `compare:` over the defaults. */
export function compareSettingsOf(config: ProjectConfig): CompareSettings {
  const given = config.compare ?? {};
  return {
    falseAlarmRate: given.falseAlarmRate ?? DEFAULT_COMPARE_SETTINGS.falseAlarmRate,
    maxSamples: given.maxSamples ?? DEFAULT_COMPARE_SETTINGS.maxSamples,
    budgetPerTest: given.budget ?? DEFAULT_COMPARE_SETTINGS.budgetPerTest,
  };
}
