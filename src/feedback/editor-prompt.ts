// Finds and loads the editor prompt: a promptgate prompt file like any other (with its own tests),
// whose messages suggest fills with the critique, the file and the test results.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadSuite } from '../suite/load.js';
import { findPlaceholders } from '../suite/template.js';
import type { Suite } from '../types.js';

const BUNDLED_NAME = 'prompts/promptgate/suggest-edit.prompt.yaml';

/**
 * Where the bundled editor prompt lives relative to this code: `dist/cli.js` and `dist/index.js`
 * sit one level below the repository (or the installed package), this source file two levels.
 * The nearer candidate comes first, so a bundle never picks up a `prompts/` folder above its package.
 */
export function bundledEditorPromptCandidates(moduleUrl: string = import.meta.url): string[] {
  return [new URL(`../${BUNDLED_NAME}`, moduleUrl), new URL(`../../${BUNDLED_NAME}`, moduleUrl)].map((url) => fileURLToPath(url));
}

/** The placeholders suggest fills; an editor prompt may use any of them and no others. */
export const EDITOR_VARS = ['file', 'numberedPrompt', 'critique', 'focus', 'targets', 'mustKeep', 'candidates'] as const;
export type EditorVars = Record<(typeof EDITOR_VARS)[number], string>;

export type LoadedEditorPrompt = { ok: true; suite: Suite; path: string } | { ok: false; reason: string };

export async function loadEditorPrompt(explicitPath: string | undefined): Promise<LoadedEditorPrompt> {
  const paths = explicitPath === undefined ? bundledEditorPromptCandidates() : [explicitPath];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (explicitPath === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return { ok: false, reason: `cannot read the editor prompt ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
    }
    return checkEditorPrompt(path, text);
  }
  return {
    ok: false,
    reason: `the bundled editor prompt ${BUNDLED_NAME} is missing (looked in ${paths.join(' and ')}); reinstall promptgate or pass an editor prompt file`,
  };
}

export function checkEditorPrompt(path: string, text: string): LoadedEditorPrompt {
  const { suite, problems } = loadSuite(path, text);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (!suite || errors.length > 0) {
    const first = errors[0];
    const where = first ? `${first.file}:${first.line}:${first.column}: ${first.message}` : path;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems)` : '';
    return { ok: false, reason: `the editor prompt is invalid: ${where}${more}` };
  }
  const known = new Set<string>(EDITOR_VARS);
  const unknown = suite.messages.flatMap((message) => findPlaceholders(message.content)).find((placeholder) => !known.has(placeholder.path));
  if (unknown) {
    return {
      ok: false,
      reason: `the editor prompt ${path} uses {{${unknown.path}}}, which suggest does not fill; it fills ${EDITOR_VARS.map((name) => `{{${name}}}`).join(', ')}`,
    };
  }
  return { ok: true, suite, path };
}
