// Built-in list prices, so a run shows what it cost without any set-up. Prices change: these are
// the vendors' public list prices (openai.com/api/pricing, anthropic.com/pricing,
// ai.google.dev/pricing) as published in August 2025, standard tier, no batch or cached-input
// discount. Entries under `prices:` in promptgate.config.yaml override them and add models.

/** USD per 1,000,000 tokens. */
export interface Price {
  /** Prompt (input) tokens. */
  input: number;
  /** Completion (output) tokens, reasoning tokens included. */
  output: number;
}

export const DEFAULT_PRICES: Readonly<Record<string, Price>> = Object.freeze({
  // OpenAI
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4o': { input: 2.5, output: 10 },
  // The first gpt-4o snapshot kept its launch price; without this entry the date-stripping lookup
  // would give it today's gpt-4o price.
  'gpt-4o-2024-05-13': { input: 5, output: 15 },
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4-turbo': { input: 10, output: 30 },
  'gpt-4': { input: 30, output: 60 },
  'gpt-3.5-turbo': { input: 0.5, output: 1.5 },
  o1: { input: 15, output: 60 },
  o3: { input: 2, output: 8 },
  'o3-mini': { input: 1.1, output: 4.4 },
  'o4-mini': { input: 1.1, output: 4.4 },
  // Embeddings have no completion tokens.
  'text-embedding-3-small': { input: 0.02, output: 0 },
  'text-embedding-3-large': { input: 0.13, output: 0 },
  'text-embedding-ada-002': { input: 0.1, output: 0 },
  // Anthropic (OpenAI-compatible endpoint, OpenRouter, gateways)
  'claude-opus-4-1': { input: 15, output: 75 },
  'claude-opus-4': { input: 15, output: 75 },
  'claude-sonnet-4': { input: 3, output: 15 },
  'claude-3-7-sonnet': { input: 3, output: 15 },
  'claude-3-5-sonnet': { input: 3, output: 15 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-3-haiku': { input: 0.25, output: 1.25 },
  // Google (OpenAI-compatible endpoint). gemini-2.5-pro is left out: its price depends on prompt length.
  'gemini-2.5-flash': { input: 0.3, output: 2.5 },
  'gemini-2.0-flash': { input: 0.1, output: 0.4 },
  // promptgate's own offline model (provider/echo.ts): a `cost` assertion on it is not refused
  // for want of a price; it reports no usage, so the assertion is skipped, saying why.
  echo: { input: 0, output: 0 },
});
