// Loads one of promptgate's own prompt files (the editor, the judges): a prompt file like any other,
// with its own tests, that promptgate fills with a fixed set of placeholders. A user may point at a
// replacement; either way it is checked before any call, so a broken one is a clear message, not
// a judge asked with `{{holes}}` in it.
import { readUtf8File, type Decoded } from '../fs/utf8.js';
import type { Suite } from '../types.js';
import { loadSuite } from './load.js';
import { findPlaceholders } from '../template.js';

export interface InternalPromptSpec {
  /** How messages name it: "the editor prompt". */
  what: string;
  /** Who fills the placeholders, for the message about an unknown one: "suggest". */
  filler: string;
  /** The placeholders the filler provides; the prompt may use any of them and no others. */
  vars: readonly string[];
  /** Placeholders it must use: a judge that never sees the answer would grade blind. */
  required?: readonly string[];
}

export type LoadedInternalPrompt = { ok: true; suite: Suite; path: string } | { ok: false; reason: string };

/** `candidates` are tried in order when no explicit path is given; a missing one is skipped. */
export async function loadInternalPrompt(spec: InternalPromptSpec, explicitPath: string | undefined, candidates: string[]): Promise<LoadedInternalPrompt> {
  const paths = explicitPath === undefined ? candidates : [explicitPath];
  for (const path of paths) {
    let decoded: Decoded;
    try {
      decoded = await readUtf8File(path);
    } catch (error) {
      if (explicitPath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return { ok: false, reason: `cannot read ${spec.what} ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    if (!decoded.ok) return { ok: false, reason: `${spec.what} is invalid: ${path}:${decoded.line}:${decoded.column}: ${decoded.message}` };
    return checkInternalPrompt(spec, path, decoded.text);
  }
  return { ok: false, reason: `the bundled ${spec.what.replace(/^the /, '')} is missing (looked in ${paths.join(' and ')}); reinstall promptgate` };
}

export function checkInternalPrompt(spec: InternalPromptSpec, path: string, text: string): LoadedInternalPrompt {
  const { suite, problems } = loadSuite(path, text);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (!suite || errors.length > 0) {
    const first = errors[0];
    const where = first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : path;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
    return { ok: false, reason: `${spec.what} is invalid: ${where}${more}` };
  }
  const known = new Set<string>(spec.vars);
  const used = suite.messages.flatMap((message) => findPlaceholders(message.content));
  const missing = (spec.required ?? []).filter((name) => !used.some((placeholder) => placeholder.path === name));
  if (missing.length > 0) {
    return { ok: false, reason: `${spec.what} ${path} never uses ${missing.map((name) => `{{${name}}}`).join(' or ')}, so it could not see what it must judge; add it to its messages` };
  }
  const unknown = used.find((placeholder) => !known.has(placeholder.path));
  if (unknown) {
    return {
      ok: false,
      reason: `${spec.what} ${path} uses {{${unknown.path}}}, which ${spec.filler} does not fill; it fills ${spec.vars.map((name) => `{{${name}}}`).join(', ')}`,
    };
  }
  return { ok: true, suite, path };
}
