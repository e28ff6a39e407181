// --env-file FILE: variables from a dotenv file (KEY=value lines, quotes, comments, `export`), for
// keys and proxy settings kept out of the shell and its history. They are loaded before anything
// else reads the environment, so OPENAI_API_KEY, the variable apiKeyEnv names, OPENAI_BASE_URL and
// HTTPS_PROXY all count from the file. dotenv's parser, not Node's: util.parseEnv only came in
// 20.12, and reads a line it does not understand into the next key's name, where dotenv skips it.
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse } from 'dotenv';
import { UsageError } from './usage-error.js';

/** Far more than any real .env file; a path to something else (a log, a disk image) is refused, not read whole. */
const MAX_ENV_FILE_BYTES = 1024 * 1024;

/**
 * Adds the files' variables to `env`. A variable already set wins, as with `node --env-file`: a
 * value given for one run on the command line overrides the file. Among files, a later one wins.
 * Values are never printed, not even in an error.
 */
export async function loadEnvFiles(paths: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  const fromFiles: Record<string, string> = {};
  for (const path of paths) Object.assign(fromFiles, parse(await readEnvFile(path, cwd)));
  for (const [name, value] of Object.entries(fromFiles)) if (env[name] === undefined) env[name] = value;
}

async function readEnvFile(path: string, cwd: string): Promise<string> {
  const full = resolve(cwd, path);
  try {
    // A pipe is fine (`--env-file <(op inject -i .env.tpl)`); only a regular file has a size to check first.
    const info = await stat(full);
    if (info.isDirectory()) throw new UsageError(`--env-file ${path} is a directory; give the dotenv file in it, such as ${path.replace(/\/+$/, '')}/.env`);
    if (info.isFile() && info.size > MAX_ENV_FILE_BYTES) throw new UsageError(`--env-file ${path} is ${info.size} bytes, too large for a dotenv file (at most ${MAX_ENV_FILE_BYTES})`);
    return await readFile(full, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError(`--env-file ${path}: no such file (looked for ${full})`);
    throw new UsageError(`--env-file ${path} cannot be read (${code ?? (error as Error).message})`);
  }
}
