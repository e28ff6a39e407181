// promptfoo `prompts` → message lists. A prompt is text sent as one user message, or a chat (a
// JSON or YAML list of {role, content}) — promptfoo's parseChatPrompt. Text files split on lines
// of `---`, as promptfoo's text-file loader does.
import { parse as parseYaml } from 'yaml';
import { findPlaceholders } from '../template.js';
import type { DraftMessage } from './draft.js';
import { CODE_EXTENSIONS, type ImportContext, isFileRef, readRef, resolveRef } from './references.js';
import type { SourceYaml } from './source-yaml.js';
import { Refusal, type SourcePlace } from './types.js';

export interface ImportedPrompt {
  label: string;
  messages: DraftMessage[];
  place: SourcePlace;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant']);

export async function readPrompts(context: ImportContext, source: SourceYaml, raw: unknown): Promise<ImportedPrompt[]> {
  const entries: { value: unknown; label?: string; path: (string | number)[] }[] = [];
  if (typeof raw === 'string') entries.push({ value: raw, path: ['prompts'] });
  else if (Array.isArray(raw)) raw.forEach((value, index) => entries.push({ value, path: ['prompts', index] }));
  else if (raw && typeof raw === 'object') {
    // The map form: {"file://a.txt": "label"}.
    for (const [key, label] of Object.entries(raw)) entries.push({ value: key, label: String(label), path: ['prompts', key] });
  } else {
    throw new Refusal(source.file, source.lineOf(['prompts']), '`prompts` must be a list (promptfoo config schema: prompts)');
  }

  const prompts: ImportedPrompt[] = [];
  for (const entry of entries) {
    const place = { file: source.file, line: source.lineOf(entry.path) };
    let value = entry.value;
    let label = entry.label;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const fields = value as Record<string, unknown>;
      label = typeof fields.label === 'string' ? fields.label : label;
      value = fields.raw ?? fields.id ?? fields.file;
      if (fields.config !== undefined) context.log.dropped(place, 'prompt config', 'per-prompt provider settings are not carried; set modelParameters in the written file');
    }
    if (typeof value !== 'string') throw new Refusal(place.file, place.line, 'a prompt must be text, a file:// reference or {raw|id, label}');
    if (isFileRef(value)) {
      const { extension } = resolveRef(value, place.file);
      if (CODE_EXTENSIONS.has(extension)) {
        context.log.dropped(place, `prompt ${value}`, 'a prompt built by code (JavaScript/Python) is not converted');
        continue;
      }
      const file = await readRef(context, value, place);
      const texts = extension === '.txt' ? file.text.split(/\r?\n-{3,}\r?\n/) : [file.text];
      texts.forEach((text, index) => {
        const at = { file: file.path, line: lineOfPart(file.text, texts, index) };
        const prompt = toPrompt(context, text.replace(/\r?\n$/, ''), label ?? `${value}${texts.length > 1 ? ` #${index + 1}` : ''}`, at, extension);
        if (prompt) prompts.push(prompt);
      });
      continue;
    }
    const prompt = toPrompt(context, value, label ?? value, place, '');
    if (prompt) prompts.push(prompt);
  }
  return prompts;
}

function lineOfPart(whole: string, parts: string[], index: number): number {
  let line = 1;
  for (let i = 0; i < index; i += 1) line += parts[i]!.split('\n').length + 1;
  return line;
}

function toPrompt(context: ImportContext, text: string, label: string, place: SourcePlace, extension: string): ImportedPrompt | undefined {
  const messages = chatMessages(text, extension) ?? [{ role: 'user' as const, content: text }];
  for (const message of messages) {
    const problem = nunjucksOnly(message.content);
    if (problem) {
      context.log.dropped(place, `prompt "${short(label)}"`, `it uses Nunjucks ${problem}, which promptgate's {{name}} placeholders do not have`);
      return undefined;
    }
  }
  context.log.converted(place, `prompt "${short(label)}"`, messages.length === 1 ? 'one user message' : `${messages.length} messages`);
  return { label, messages, place };
}

/** A chat prompt (a list of {role, content}), or undefined for plain text. */
function chatMessages(text: string, extension: string): DraftMessage[] | undefined {
  const trimmed = text.trim();
  let data: unknown;
  if (trimmed.startsWith('[') || extension === '.json') {
    try {
      data = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
  } else if (trimmed.startsWith('- role:') || extension === '.yaml' || extension === '.yml') {
    try {
      data = parseYaml(trimmed);
    } catch {
      return undefined;
    }
  }
  if (!Array.isArray(data) || data.length === 0) return undefined;
  const messages: DraftMessage[] = [];
  for (const item of data) {
    if (!item || typeof item !== 'object') return undefined;
    const { role, content } = item as Record<string, unknown>;
    if (typeof role !== 'string' || !ROLES.has(role) || typeof content !== 'string') return undefined;
    messages.push({ role: role as DraftMessage['role'], content });
  }
  return messages;
}

/** What Nunjucks syntax a text uses beyond plain `{{name}}` placeholders, if any. */
export function nunjucksOnly(text: string): string | undefined {
  if (/\{%/.test(text)) return 'tags ({% … %})';
  if (/\{#/.test(text)) return 'comments ({# … #})';
  const simple = findPlaceholders(text).length;
  const all = text.match(/\{\{[\s\S]*?\}\}/g) ?? [];
  if (all.length !== simple) {
    const odd = all.find((expression) => findPlaceholders(expression).length === 0) ?? all[0]!;
    return /\|/.test(odd) ? `filters (${odd})` : `expressions (${odd})`;
  }
  return undefined;
}

function short(text: string): string {
  const line = text.split('\n')[0]!;
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
