// `promptgate suggest <file> --critique "..."`: the suggest step in a terminal. It prints the
// verified edit and, with --apply, writes it — to that one file, atomically, and only when verified.
import { isAbsolute, relative, resolve } from 'node:path';
import { formatSuggestOutcome } from '../suggest/console-report.js';
import { suggestEdit } from '../suggest/suggest.js';
import type { FailureCause, SuggestInput } from '../suggest/types.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { ProjectBounds, type PathCheck } from '../fs/project-bounds.js';
import { readUtf8File, type Decoded } from '../fs/utf8.js';
import { loadSuite } from '../suite/load.js';
import { cliEngine } from './engine.js';
import { gradingForCases } from './grading.js';
import type { ParsedArgs } from './args.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { redactDeep } from '../redact.js';
import type { RunSettings } from './settings.js';
import { StopSignals } from '../engine/stop-signals.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';

export async function suggestCommand(args: ParsedArgs, settings: RunSettings, terminal: Terminal, version: string): Promise<ExitCodeValue> {
  if (args.paths.length !== 1) {
    throw new UsageError(`suggest takes exactly one prompt file; got ${args.paths.length === 0 ? 'none' : args.paths.length}. Usage: promptgate suggest <file> --critique "..."`);
  }
  if (args.critique === undefined || args.critique.trim() === '') {
    throw new UsageError('suggest needs --critique "what is wrong with the prompt", in plain words');
  }
  const absolute = resolve(terminal.cwd, args.paths[0]!);
  const file = displayPath(absolute, terminal.cwd);
  const text = await readPromptFile(absolute, file, terminal.cwd);

  const input: SuggestInput = { file, text, critique: args.critique };
  if (settings.tests.length > 0) input.targetTests = settings.tests;
  if (args.lines) input.focusLines = args.lines;
  if (args.candidates !== undefined) input.candidates = args.candidates;
  if (args.maxCalls !== undefined || args.maxTimeMs !== undefined) input.budget = { maxModelCalls: args.maxCalls, maxMs: args.maxTimeMs };

  const engine = await cliEngine(settings, terminal, version);
  // An invalid file is suggest's to report, with its own message; only a valid one can need a judge.
  const { suite } = loadSuite(file, text);
  const planned = suite ? engine.plan([suite], { withRepeat: false }).cases : [];
  const grading = await gradingForCases(planned, engine);

  const redact = engine.redact;
  const stopSignals = new StopSignals();
  let outcome;
  try {
    outcome = await suggestEdit(input, engine.suggestOptions({
      prices: settings.grading.prices,
      ...(grading ? { grading } : {}),
      ...(settings.repeat !== undefined ? { repeat: settings.repeat } : {}),
      // --model replaces every file's model, the editor prompt's included, unless --editor-model says otherwise.
      editorModel: args.editorModel ?? settings.modelOverride,
      editorPromptFile: args.editorPrompt === undefined ? undefined : await namedFile(resolve(terminal.cwd, args.editorPrompt), args.editorPrompt, terminal.cwd),
      onProgress: settings.quiet ? undefined : (message) => terminal.stderr.write(`promptgate: ${redact(message)}…\n`),
      signal: stopSignals.abortSignal,
    }));
  } finally {
    stopSignals.dispose();
  }

  // Answers were redacted as they arrived; this covers what else a reason may quote. The edit that
  // --apply writes stays the one verified, since the file's own text is not the report's.
  const report = formatSuggestOutcome(redactDeep(outcome, redact), file, { color: settings.color }) + '\n';
  if (outcome.kind === 'failed') {
    terminal.stderr.write(report);
    if (outcome.cause === 'cancelled' && stopSignals.received === 'SIGTERM') return ExitCode.Terminated;
    return exitCodeFor(outcome.cause);
  }
  terminal.stdout.write(report);
  if (outcome.kind === 'unverified') {
    if (args.apply) terminal.stdout.write(`Nothing was written to ${file}.\n`);
    return ExitCode.Failed;
  }
  if (!args.apply) {
    terminal.stdout.write(`Run again with --apply to write it to ${file}.\n`);
    return ExitCode.Ok;
  }
  // The edit was verified against the text read at the start; a file changed since then is not that file.
  if ((await readPromptFile(absolute, file, terminal.cwd)) !== text) {
    terminal.stderr.write(`promptgate: ${file} changed while suggest was running; the edit was not applied\n`);
    return ExitCode.Failed;
  }
  await writeFileAtomic(absolute, outcome.chosen.newText!);
  terminal.stdout.write(`Applied to ${file}.\n`);
  return ExitCode.Ok;
}

async function readPromptFile(absolute: string, file: string, cwd: string): Promise<string> {
  let decoded: Decoded;
  try {
    decoded = await readUtf8File(await namedFile(absolute, file, cwd));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EISDIR' ? ': suggest edits one prompt file, not a directory' : '';
    throw new UsageError(`cannot read ${file} (${code ?? (error as Error).message})${hint}`);
  }
  if (!decoded.ok) throw new UsageError(`${file}:${decoded.line}:${decoded.column}: ${decoded.message}`);
  return decoded.text;
}

/** A file named on the command line may lie outside the project; one named inside it must not lead out through a link. */
async function namedFile(absolute: string, file: string, cwd: string): Promise<string> {
  const bounds = await ProjectBounds.of(cwd);
  let check: PathCheck;
  try {
    check = await bounds.check(absolute, { mayNameOutside: true });
  } catch (error) {
    throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (check.ok) return absolute;
  throw new UsageError(
    `${file} leads through a link to ${check.real}, outside the project directory ${bounds.dir}; promptgate does not follow links out of the project: replace the link with the file itself`,
  );
}

function displayPath(absolute: string, cwd: string): string {
  const path = relative(cwd, absolute);
  return path === '' || path.startsWith('..') || isAbsolute(path) ? absolute : path;
}

function exitCodeFor(cause: FailureCause | undefined): ExitCodeValue {
  switch (cause) {
    case 'invalid-input':
      return ExitCode.InvalidInput;
    case 'provider':
      return ExitCode.ProviderErrors;
    case 'cancelled':
      return ExitCode.Interrupted;
    case 'internal':
      return ExitCode.Internal;
    default:
      return ExitCode.Failed;
  }
}
