// `promptgate import <source> [--out DIR]`: the edge around src/import. It reads the source
// through the importer's file port, refuses to write over anything, writes each file atomically,
// and prints the importer's account. Exit 0 all converted, 1 something approximated or dropped,
// 2 the input is not what it claims (or a target exists): nothing written.
import { lstat, readFile, stat } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createFileAtomic } from '../fs/atomic-write.js';
import { importSource } from '../import/import-source.js';
import { plural } from '../report/numbers.js';
import type { ImportNote, SourceFiles } from '../import/types.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { IMPORT_HELP } from './help.js';
import type { Terminal } from './terminal.js';

export async function importCommand(argv: string[], terminal: Terminal): Promise<ExitCodeValue> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, run: { type: 'string', multiple: true }, data: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    terminal.stderr.write(`promptgate import: ${(error as Error).message}\n`);
    return ExitCode.InvalidInput;
  }
  if (parsed.values.help) {
    terminal.stdout.write(`${IMPORT_HELP}\n`);
    return ExitCode.Ok;
  }
  if (parsed.positionals.length !== 1) {
    terminal.stderr.write('promptgate import: name one source (a promptfoo config or its directory, an openai/evals registry YAML, or an OpenAI eval saved as JSON); see `promptgate import --help`\n');
    return ExitCode.InvalidInput;
  }
  const cwd = terminal.cwd;
  const source = resolve(cwd, parsed.positionals[0]!);
  const out = resolve(cwd, parsed.values.out ?? '.');
  const show = (path: string) => clean(relative(cwd, path) || '.');

  // --data FILE_ID=PATH: the local copy of a dataset an OpenAI eval run names by its uploaded file's id.
  const data: Record<string, string> = {};
  for (const pair of parsed.values.data ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0 || equals === pair.length - 1) {
      terminal.stderr.write(`promptgate import: --data takes FILE_ID=PATH (e.g. --data file-abc123=items.jsonl), not "${clean(pair)}"\n`);
      return ExitCode.InvalidInput;
    }
    data[pair.slice(0, equals)] = resolve(cwd, pair.slice(equals + 1));
  }
  const runs = (parsed.values.run ?? []).map((path) => resolve(cwd, path));
  const outcome = await importSource(source, diskFiles, cwd, { runs, data });
  if (!outcome.ok) {
    const { file, line, message } = outcome.refusal;
    terminal.stderr.write(`${show(file)}${line === undefined ? '' : `:${line}`}: ${clean(message)}\nNothing was written.\n`);
    return ExitCode.InvalidInput;
  }
  const targets = outcome.files.map((file) => ({ ...file, absolute: resolve(out, file.path) }));
  const taken = [];
  for (const target of targets) if (await exists(target.absolute)) taken.push(show(target.absolute));
  if (taken.length > 0) {
    terminal.stderr.write(`promptgate import: ${taken.length === 1 ? 'this file exists' : 'these files exist'}, and import never overwrites:\n${taken.map((path) => `  ${path}`).join('\n')}\nMove ${taken.length === 1 ? 'it' : 'them'} away or choose another --out. Nothing was written.\n`);
    return ExitCode.InvalidInput;
  }
  for (const target of targets) {
    if (!(await createFileAtomic(target.absolute, target.text))) {
      // Appeared after the check: still never overwritten.
      terminal.stderr.write(`promptgate import: ${show(target.absolute)} appeared while importing; left as it was\n`);
      return ExitCode.InvalidInput;
    }
  }

  const lines = [`Imported ${show(source)} (${outcome.format}): ${plural(targets.length, 'file')}, ${plural(targets.reduce((sum, file) => sum + file.tests, 0), 'test')}.`];
  for (const target of targets) lines.push(`  wrote ${show(target.absolute)} (${plural(target.tests, 'test')})`);
  const byKind = (kind: ImportNote['kind']) => outcome.notes.filter((note) => note.kind === kind);
  // One line per test would bury the rest: tests are counted, every other part is listed.
  const converted = byKind('converted').filter((note) => !note.what.startsWith('test'));
  const tests = byKind('converted').length - converted.length;
  lines.push(`Converted: ${converted.length + tests}${tests > 0 ? ` (${plural(tests, 'test')}, and:)` : ''}`);
  for (const note of converted) lines.push(`  ${place(note, show)}  ${clean(note.what)}${note.detail ? ` ${clean(note.detail)}` : ''}`);
  for (const [kind, title] of [['approximated', 'Approximated'], ['dropped', 'Not converted']] as const) {
    const notes = byKind(kind);
    lines.push(`${title}: ${notes.length}`);
    for (const note of notes) lines.push(`  ${place(note, show)}  ${clean(note.what)}: ${clean(note.detail ?? '')}`);
  }
  terminal.stdout.write(`${lines.join('\n')}\n`);
  return outcome.notes.some((note) => note.kind !== 'converted') ? ExitCode.Failed : ExitCode.Ok;
}

const diskFiles: SourceFiles = {
  read: (path) => readFile(path, 'utf8').catch(() => undefined),
  isDirectory: (path) => stat(path).then((info) => info.isDirectory(), () => false),
};

async function exists(path: string): Promise<boolean> {
  // lstat: a dangling link is taken too.
  return lstat(path).then(() => true, () => false);
}

function place(note: ImportNote, show: (path: string) => string): string {
  return `${show(note.file)}${note.line === undefined ? '' : `:${note.line}`}`;
}

/** Source text is untrusted: no control characters reach the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => (char === '\n' ? '⏎' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
}
