// Finds and loads the editor prompt: a promptgate prompt file like any other (with its own tests),
// whose messages suggest fills with the critique, the file and the test results.
import { bundledPromptCandidates } from '../suite/bundled-prompt.js';
import { checkInternalPrompt, loadInternalPrompt, type InternalPromptSpec, type LoadedInternalPrompt } from '../suite/internal-prompt.js';

const BUNDLED_NAME = 'prompts/promptgate/suggest-edit.prompt.yaml';

export function bundledEditorPromptCandidates(moduleUrl: string = import.meta.url): string[] {
  return bundledPromptCandidates(BUNDLED_NAME, moduleUrl);
}

/** The placeholders suggest fills; an editor prompt may use any of them and no others. */
export const EDITOR_VARS = ['file', 'numberedPrompt', 'critique', 'focus', 'targets', 'mustKeep', 'candidates'] as const;
export type EditorVars = Record<(typeof EDITOR_VARS)[number], string>;

export type LoadedEditorPrompt = LoadedInternalPrompt;

const EDITOR_PROMPT: InternalPromptSpec = { what: 'the editor prompt', filler: 'suggest', vars: EDITOR_VARS };

export function loadEditorPrompt(explicitPath: string | undefined): Promise<LoadedEditorPrompt> {
  return loadInternalPrompt(EDITOR_PROMPT, explicitPath, bundledEditorPromptCandidates());
}

export function checkEditorPrompt(path: string, text: string): LoadedEditorPrompt {
  return checkInternalPrompt(EDITOR_PROMPT, path, text);
}
