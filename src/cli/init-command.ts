// `promptgate init`: the files a new project starts from (a prompt file with tests, the config
// file, the GitHub workflow) and `.promptgate/` in .gitignore. Nothing that exists is written over:
// each file is created only where nothing is, and .gitignore only gains its line when it lacks it.
import { lstat, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createFileAtomic, writeFileAtomic } from '../fs/atomic-write.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import {
  CONFIG_PATH,
  GITIGNORE_ENTRY,
  GITIGNORE_PATH,
  IGNORED_DIR,
  STARTER_PROMPT_PATH,
  starterConfig,
  starterPrompt,
  starterWorkflow,
  WORKFLOW_PATH,
} from './init-templates.js';
import type { Terminal } from './terminal.js';

type GitignoreOutcome = 'created' | 'added' | 'present' | { leftAlone: string };

export async function initCommand(terminal: Terminal, version: string): Promise<ExitCodeValue> {
  const out = (line: string) => terminal.stdout.write(`${line}\n`);
  const existing: string[] = [];
  const failures: string[] = [];
  const files: [string, string][] = [
    [STARTER_PROMPT_PATH, starterPrompt(version)],
    [CONFIG_PATH, starterConfig(version)],
    [WORKFLOW_PATH, starterWorkflow()],
  ];
  for (const [path, content] of files) {
    try {
      if (await createFileAtomic(resolve(terminal.cwd, path), content)) out(`Created ${path}`);
      else existing.push(path);
    } catch (error) {
      failures.push(`cannot create ${path}: ${reasonOf(error)}`);
    }
  }
  try {
    const gitignore = await ignoreCacheDir(resolve(terminal.cwd, GITIGNORE_PATH));
    if (gitignore === 'created') out(`Created ${GITIGNORE_PATH} (ignores ${IGNORED_DIR})`);
    else if (gitignore === 'added') out(`Added ${IGNORED_DIR} to ${GITIGNORE_PATH}`);
    else if (gitignore === 'present') out(`${GITIGNORE_PATH} already ignores ${IGNORED_DIR}`);
    else out(`${GITIGNORE_PATH} left alone: ${gitignore.leftAlone}; add ${IGNORED_DIR} to it yourself`);
  } catch (error) {
    failures.push(`cannot add ${IGNORED_DIR} to ${GITIGNORE_PATH}: ${reasonOf(error)}`);
  }
  if (existing.length > 0) out(`Left alone, as they exist: ${existing.join(', ')}`);
  for (const failure of failures) terminal.stderr.write(`promptgate: ${failure}\n`);
  out(NEXT_STEPS);
  return failures.length > 0 ? ExitCode.InvalidInput : ExitCode.Ok;
}

const NEXT_STEPS = `
Next:
  npx promptgate run --model echo   try the tests without a key: echo answers with the question
  npx promptgate run                run them against the file's model (set OPENAI_API_KEY first)
Then commit the files, and add OPENAI_API_KEY as a secret of the repository for the workflow.`;

/**
 * Appends the entry when no line ignores the folder; the file's bytes are kept as they are (not
 * decoded and re-encoded) and its line endings followed.
 */
async function ignoreCacheDir(path: string): Promise<GitignoreOutcome> {
  const info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (info === undefined) return (await createFileAtomic(path, GITIGNORE_ENTRY)) ? 'created' : { leftAlone: 'it appeared while init ran' };
  if (!info.isFile()) return { leftAlone: info.isSymbolicLink() ? 'it is a symbolic link' : 'it is not a regular file' };
  const bytes = await readFile(path);
  const text = bytes.toString('utf8');
  if (text.split(/\r?\n/).some(ignoresTheDir)) return 'present';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text === '' || text.endsWith('\n') ? '' : newline;
  await writeFileAtomic(path, Buffer.concat([bytes, Buffer.from(separator + GITIGNORE_ENTRY.replaceAll('\n', newline))]));
  return 'added';
}

/** `.promptgate`, `/.promptgate/`, `**\/.promptgate/**` and the like. */
function ignoresTheDir(line: string): boolean {
  return /^(?:\/|\*\*\/)?\.promptgate(?:\/(?:\*\*?)?)?$/.test(line.trim());
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file is in the way of a folder on its path';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? (error as Error).message;
}
