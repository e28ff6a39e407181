// Runs the built CLI (dist/cli.js) as a child process, the way users and CI run it.
// Asynchronous on purpose: the model double answers from this test's own event loop.
import { execFile, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtCli } from '../support/built.js';
import { main } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliResult> {
  return startCli(args, options).result;
}

/** As runCli, with the child at hand while it runs (to send it a signal). */
export function startCli(args: string[], options: { cwd: string; env?: Record<string, string | undefined> }): { child: ChildProcess; result: Promise<CliResult> } {
  // A clean environment: the developer's own OPENAI_* settings must not leak into the tests.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', CI: 'true' };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  let child: ChildProcess | undefined;
  const result = new Promise<CliResult>((done) => {
    child = execFile(process.execPath, [builtCli(), ...args], { cwd: options.cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
  return { child: child!, result };
}

/** Runs the CLI's main() in this process, capturing what it writes; for tests that need the source, not dist/. */
export async function runMain(args: string[], options: { cwd: string; env: Record<string, string> }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (text: string) => void) => ({ write: (chunk: string) => (append(String(chunk)), true) }) as unknown as NodeJS.WritableStream;
  const terminal: Terminal = { stdout: stream((text) => (stdout += text)), stderr: stream((text) => (stderr += text)), cwd: options.cwd, env: options.env };
  const code = await main(args, terminal);
  return { code, stdout, stderr };
}

/** A scratch project directory holding copies of the given files (paths relative to the repository). */
export async function scratchProject(files: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'promptgate-cli-'));
  for (const [target, source] of Object.entries(files)) await cp(join(repoRoot, source), join(dir, target), { recursive: true });
  return dir;
}
