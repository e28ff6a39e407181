// Finds the prompt files named on the command line: directories are searched for
// `*.prompt.yaml`/`*.prompt.yml`, globs are expanded, and a file named outright is taken whatever its name.
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Problem } from '../types.js';

const PROMPT_FILE_PATTERNS = ['**/*.prompt.yaml', '**/*.prompt.yml'];
// Dependencies, history and our own cache never hold the user's prompts, and can be huge.
const IGNORED = ['**/node_modules/**', '**/.git/**', '**/.promptgate/**'];

export async function discoverPromptFiles(inputs: string[], cwd: string): Promise<{ files: string[]; problems: Problem[] }> {
  const found = new Set<string>();
  const problems: Problem[] = [];
  for (const input of inputs) {
    const matches = await filesFor(input, cwd);
    if (typeof matches === 'string') {
      problems.push({ file: input, line: 0, column: 0, severity: 'error', message: matches });
      continue;
    }
    for (const file of matches) found.add(toDisplayPath(file, cwd));
  }
  return { files: [...found].sort(), problems };
}

/** The absolute paths for one input, or a message saying why there are none. */
async function filesFor(input: string, cwd: string): Promise<string[] | string> {
  const absolute = resolve(cwd, input);
  const kind = await kindOf(absolute);
  if (kind === 'file') return [absolute];
  if (kind === 'directory') {
    // dot: true because prompt files often live under .github/.
    const files = await glob(PROMPT_FILE_PATTERNS, { cwd: absolute, absolute: true, dot: true, ignore: IGNORED });
    return files.length > 0
      ? files
      : `no *.prompt.yaml or *.prompt.yml files under "${input}"; name prompt files like "refund.prompt.yaml", or pass the files themselves`;
  }
  if (isDynamicPattern(input)) {
    const files = await glob(input, { cwd, absolute: true, dot: true, ignore: IGNORED });
    return files.length > 0 ? files : `the pattern "${input}" matches no files; check it, and quote it so your shell does not expand it first`;
  }
  return `"${input}" does not exist; check the path, or pass a directory or a glob such as "prompts/**/*.prompt.yaml"`;
}

async function kindOf(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    const stats = await stat(path);
    return stats.isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

function toDisplayPath(file: string, cwd: string): string {
  const fromCwd = relative(cwd, file);
  const display = fromCwd === '' || isAbsolute(fromCwd) ? file : fromCwd;
  return display.split(sep).join('/');
}
