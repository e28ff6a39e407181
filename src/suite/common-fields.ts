// Fields both formats share. Readers take data as it is and skip what has the wrong shape: the
// schema check has already reported it, and the remaining checks should still run.
import { basename } from 'node:path';
import { MAX_REPEAT } from '../limits.js';
import type { MessageTemplate, ModelParameters, ResponseFormat, Role } from '../types.js';
import type { LocatedMessage } from './draft.js';
import type { SourceMap } from './source-map.js';

export type Fields = Record<string, unknown>;

export function isFields(value: unknown): value is Fields {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `refund.prompt.yaml` → `refund`: a readable default for files without `name:`. */
export function nameFromFile(file: string): string {
  return basename(file).replace(/(\.prompt)?\.ya?ml$/i, '') || file;
}

export function readMessages(data: unknown, source: SourceMap): LocatedMessage[] {
  if (!Array.isArray(data)) return [];
  const messages: LocatedMessage[] = [];
  data.forEach((item, index) => {
    // A message with a misspelt role is kept (the schema check reports the role) so that its
    // placeholders are still checked; a suite with errors is never built, so it cannot be sent.
    if (!isFields(item) || typeof item.content !== 'string') return;
    const node = source.nodeAt(['messages', index]);
    const contentNode = source.nodeAt(['messages', index, 'content']);
    const message: MessageTemplate = {
      role: item.role as Role,
      content: item.content,
      span: source.spanOf(node) ?? { start: source.startOf(node), end: source.startOf(node) },
      contentSpan: source.spanOf(contentNode) ?? { start: source.startOf(node), end: source.startOf(node) },
    };
    messages.push({ message, contentNode });
  });
  return messages;
}

/** maxTokens, temperature, topP and seed, from either format. */
export function readSamplingParameters(data: unknown): ModelParameters {
  const parameters: ModelParameters = {};
  if (!isFields(data)) return parameters;
  if (typeof data.temperature === 'number') parameters.temperature = data.temperature;
  if (Number.isInteger(data.maxTokens)) parameters.maxTokens = data.maxTokens as number;
  if (typeof data.topP === 'number') parameters.topP = data.topP;
  if (Number.isInteger(data.seed)) parameters.seed = data.seed as number;
  return parameters;
}

/** Native `modelParameters.responseFormat`: `text`, `json_object`, or `{type: json_schema, name, schema, strict}`. */
export function readNativeResponseFormat(data: unknown): ResponseFormat | undefined {
  if (data === 'text' || data === 'json_object') return { type: data };
  if (!isFields(data)) return undefined;
  if (data.type === 'text' || data.type === 'json_object') return { type: data.type };
  if (data.type !== 'json_schema' || typeof data.name !== 'string' || !isFields(data.schema)) return undefined;
  const jsonSchema: Extract<ResponseFormat, { type: 'json_schema' }>['json_schema'] = { name: data.name, schema: data.schema };
  if (typeof data.strict === 'boolean') jsonSchema.strict = data.strict;
  if (typeof data.description === 'string') jsonSchema.description = data.description;
  return { type: 'json_schema', json_schema: jsonSchema };
}

export function readVars(data: unknown): Record<string, unknown> {
  return isFields(data) ? data : {};
}

/**
 * Test vars over file vars. Nested mappings merge, so a test can change `user.name` and keep the
 * file's `user.address`; lists and other values are replaced whole.
 */
export function overlayVars(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  // Once per test: an index loop allocates nothing while the code is still cold.
  const keys = Object.keys(over);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = over[key];
    const below = merged[key];
    merged[key] = isFields(below) && isFields(value) ? overlayVars(below, value) : value;
  }
  return merged;
}

/** Out of range is the schema check's to report; the fallback keeps the other checks quiet about it. */
export function readRepeat(data: unknown, fallback: number): number {
  return Number.isInteger(data) && (data as number) >= 1 && (data as number) <= MAX_REPEAT ? (data as number) : fallback;
}

/** A file's or a test's `tags`: the valid strings, in order, each once (the schema reports the rest). */
export function readTags(data: unknown): string[] {
  if (!Array.isArray(data)) return [];
  return [...new Set(data.filter((tag): tag is string => typeof tag === 'string' && TAG.test(tag)))];
}

/** Kept to what a gate, a command line and a report heading can name without quoting. */
export const TAG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function readMinPassRate(data: unknown, fallback: number): number {
  return typeof data === 'number' && data >= 0 && data <= 1 ? data : fallback;
}

