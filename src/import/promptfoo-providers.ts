// promptfoo `providers` → a model and its parameters. Only OpenAI chat providers carry over; the id
// forms and config fields are promptfoo's (providers/openai: `openai:chat:MODEL`, `openai:MODEL`;
// OpenAiCompletionOptions: temperature, max_tokens, max_completion_tokens, top_p, seed,
// response_format, apiBaseUrl, apiHost).
import type { ImportContext } from './references.js';
import type { SourceYaml } from './source-yaml.js';
import { Refusal, type SourcePlace } from './types.js';

export interface ImportedProvider {
  label: string;
  model: string;
  parameters: Record<string, unknown>;
  parametersComment?: string;
  place: SourcePlace;
}

/**
 * promptfoo sends temperature 0 and max_tokens 1024 unless told otherwise (OPENAI_TEMPERATURE,
 * OPENAI_MAX_TOKENS), and neither to reasoning models; written out so the imported file asks for
 * what promptfoo asked for rather than the endpoint's own defaults.
 */
const PROMPTFOO_TEMPERATURE = 0;
const PROMPTFOO_MAX_TOKENS = 1024;

const CARRIED = new Set(['temperature', 'max_tokens', 'max_completion_tokens', 'top_p', 'seed', 'response_format', 'apiBaseUrl', 'apiHost', 'apiKeyEnvar']);

export function readProviders(context: ImportContext, source: SourceYaml, raw: unknown): ImportedProvider[] {
  const entries: { id: unknown; label?: unknown; config?: unknown; path: (string | number)[] }[] = [];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  list.forEach((item, index) => {
    const path = Array.isArray(raw) ? ['providers', index] : ['providers'];
    if (typeof item === 'string') entries.push({ id: item, path });
    else if (item && typeof item === 'object' && 'id' in item) {
      const fields = item as Record<string, unknown>;
      entries.push({ id: fields.id, label: fields.label, config: fields.config, path });
    } else if (item && typeof item === 'object' && Object.keys(item).length === 1) {
      const [id, options] = Object.entries(item)[0]!;
      const fields = (options ?? {}) as Record<string, unknown>;
      entries.push({ id, label: fields.label, config: fields.config, path: [...path, id] });
    } else {
      throw new Refusal(source.file, source.lineOf(path), 'a provider must be an id, {id, config} or {id: {config}}');
    }
  });

  const providers: ImportedProvider[] = [];
  for (const entry of entries) {
    const place = { file: source.file, line: source.lineOf(entry.path) };
    if (typeof entry.id !== 'string') throw new Refusal(place.file, place.line, 'a provider id must be text');
    const model = openAiChatModel(entry.id);
    if (model === undefined) {
      context.log.dropped(place, `provider ${entry.id}`, 'promptgate calls OpenAI-compatible chat endpoints; other providers (and code providers) are not converted');
      continue;
    }
    const config = (entry.config ?? {}) as Record<string, unknown>;
    const { parameters, comment } = parametersOf(context, config, model, place);
    if (entry.id.startsWith('openai:responses:')) context.log.approximated(place, `provider ${entry.id}`, 'called through chat completions, not the Responses API');
    for (const key of Object.keys(config)) if (!CARRIED.has(key)) context.log.dropped(place, `provider config ${key}`, 'promptgate does not send it');
    const label = typeof entry.label === 'string' ? entry.label : model;
    context.log.converted(place, `provider ${entry.id}`, `model ${model}`);
    providers.push({ label, model, parameters, parametersComment: comment, place });
  }
  return providers;
}

function openAiChatModel(id: string): string | undefined {
  const parts = id.split(':');
  if (parts[0] !== 'openai') return undefined;
  if (parts.length >= 3 && (parts[1] === 'chat' || parts[1] === 'responses')) return parts.slice(2).join(':');
  if (parts.length === 2 && !['chat', 'completion', 'embedding', 'embeddings', 'responses', 'assistant', 'image', 'realtime', 'moderation'].includes(parts[1]!)) {
    return parts[1];
  }
  return undefined;
}

/** promptfoo's own test (providers/openai/chat.ts): the o-series and the gpt-5 family reason. */
export function isReasoningModel(model: string): boolean {
  return /^(o1|o3|o4)/.test(model) || /^gpt-5/.test(model) || /\/(o1|o3|o4)/.test(model);
}

function parametersOf(context: ImportContext, config: Record<string, unknown>, model: string, place: SourcePlace): { parameters: Record<string, unknown>; comment?: string } {
  const parameters: Record<string, unknown> = {};
  const reasoning = isReasoningModel(model);
  let comment: string | undefined;
  if (reasoning) {
    if (typeof config.max_completion_tokens === 'number') parameters.maxTokens = config.max_completion_tokens;
    if (config.temperature !== undefined || config.max_tokens !== undefined) {
      context.log.dropped(place, 'provider config temperature/max_tokens', `promptfoo does not send them to reasoning models such as ${model}`);
    }
    comment = `promptfoo sends no temperature${parameters.maxTokens === undefined ? ' and no token limit' : ''} to reasoning models like ${model}; neither does this file`;
  } else {
    parameters.temperature = typeof config.temperature === 'number' ? config.temperature : PROMPTFOO_TEMPERATURE;
    parameters.maxTokens = typeof config.max_tokens === 'number' ? config.max_tokens : PROMPTFOO_MAX_TOKENS;
    if (config.temperature === undefined || config.max_tokens === undefined) {
      comment = `promptfoo's defaults (temperature ${PROMPTFOO_TEMPERATURE}, max_tokens ${PROMPTFOO_MAX_TOKENS}) written out where the config left them unset`;
    }
  }
  if (typeof config.top_p === 'number') parameters.topP = config.top_p;
  if (typeof config.seed === 'number') parameters.seed = config.seed;
  const format = config.response_format as Record<string, unknown> | undefined;
  if (format && typeof format === 'object') {
    if (format.type === 'json_schema' && format.json_schema && typeof format.json_schema === 'object') {
      parameters.responseFormat = { type: 'json_schema', ...(format.json_schema as Record<string, unknown>) };
    } else if (format.type === 'json_object' || format.type === 'text') {
      parameters.responseFormat = format.type;
    } else {
      context.log.dropped(place, 'provider config response_format', 'not a form promptgate knows (text, json_object, json_schema)');
    }
  }
  const baseUrl = config.apiBaseUrl ?? (typeof config.apiHost === 'string' ? `https://${config.apiHost}/v1` : undefined);
  if (typeof baseUrl === 'string') {
    context.log.approximated(place, 'provider config apiBaseUrl', `a prompt file names no endpoint: run with --base-url ${baseUrl} (or baseUrl in promptgate.config.yaml)`);
  }
  if (typeof config.apiKeyEnvar === 'string') {
    context.log.approximated(place, 'provider config apiKeyEnvar', `set apiKeyEnv: ${config.apiKeyEnvar} in promptgate.config.yaml`);
  }
  return { parameters, comment };
}
