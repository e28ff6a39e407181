// Loads one prompt file: YAML → schema check → format reader → per-test checks → Suite.
// Pure (no I/O) and never throws for bad input: every problem in the file comes back at once.
//
// Two parsers, one result. Most files are problem-free, and for them the fast path (js-yaml and
// a light position tree, fast/) gives the very suite the precise loader would, several times
// sooner and with a fraction of the memory. The moment the fast path meets any problem (but the
// warnings worked out from the data alone, which it places as exactly) or any YAML it does not
// model, it steps aside and the precise loader (yaml's Document, which locates every node and
// every syntax error) reads the file, so problems are always worded and placed as it would.
import type { YAMLError } from 'yaml';
import type { Problem, Suite } from '../types.js';
import { loadSuiteFast } from './fast/load-fast.js';
import { explainIndentation, placeInOriginal } from './indent-repair.js';
import { tooDeepMessage } from './nesting.js';
import { ProblemList, ProblemsWithoutDataWarnings } from './problems.js';
import { readSuite } from './read-suite.js';
import { YamlSource } from './yaml-source.js';

export function loadSuite(file: string, text: string): { suite?: Suite; problems: Problem[] } {
  return loadSuiteFast(file, text) ?? loadSuitePrecisely(file, text);
}

/** The reference loader: yaml's Document, every problem located. loadSuite gives the same result. */
export function loadSuitePrecisely(file: string, text: string): { suite?: Suite; problems: Problem[] } {
  try {
    return loadChecked(file, text);
  } catch (error) {
    // Only a bug gets here; the user still deserves a file-located message rather than a stack trace.
    const message = `promptgate could not check this file (internal error: ${(error as Error).message}); please report it`;
    return { problems: [{ file, line: 1, column: 1, severity: 'error', message }] };
  }
}

function loadChecked(file: string, text: string): { suite?: Suite; problems: Problem[] } {
  const source = new YamlSource(text);
  const explained = source.doc.errors.some(isBlocking) ? explainIndentation(file, source) : undefined;
  if (!explained) return loadSource(source, new ProblemList(file, source));
  // The rest of the file, read with the mistakes repaired; what the repairs touched is not the user's text.
  const problems = explained.removedLines ? new ProblemsWithoutDataWarnings(file, explained.source) : new ProblemList(file, explained.source);
  const rest = loadSource(explained.source, problems).problems.flatMap((problem) => placeInOriginal(problem, explained.touched) ?? []);
  return { problems: [...explained.mistakes, ...rest].sort((a, b) => a.line - b.line || a.column - b.column) };
}

function loadSource(source: YamlSource, problems: ProblemList): { suite?: Suite; problems: Problem[] } {
  const file = problems.file;

  for (const error of source.doc.errors) reportYamlError(error, problems, 'error');
  for (const warning of source.doc.warnings) reportYamlError(warning, problems, 'warning');
  // Duplicate keys leave a usable document, so the other checks can still run; real syntax errors do not.
  if (source.doc.errors.some(isBlocking)) return { problems: problems.sorted() };

  const data = toData(source, problems);
  if (data === undefined) return { problems: problems.sorted() };
  return readSuite(file, data, problems);
}

function isBlocking(error: YAMLError): boolean {
  return error.code !== 'DUPLICATE_KEY';
}

function toData(source: YamlSource, problems: ProblemList): unknown {
  if (source.root === undefined || source.doc.contents === null) {
    problems.errorAt({ line: 1, column: 1 }, 'the file is empty; a prompt file needs at least `messages:`');
    return undefined;
  }
  const read = source.toData();
  if (read.ok) return read.data;
  problems.errorAt(read.position, read.message);
  return undefined;
}

export function reportYamlError(error: YAMLError, problems: ProblemList, severity: Problem['severity']): void {
  const position = problems.source.positionAt(error.pos[0]);
  let message: string;
  if (error.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]*/.exec(problems.source.text.slice(error.pos[0]))?.[0]?.trim();
    message = `duplicate key${key ? ` "${key}"` : ''}: each key may appear only once in a mapping`;
  } else if (error.code === 'RESOURCE_EXHAUSTION') {
    // Our nesting limit, worded already; or yaml running out of stack below it, which that limit is there to prevent.
    message = error.message === tooDeepMessage() ? error.message : `the YAML nests too deeply to read (${error.message}); flatten the structure`;
  } else if (error.code === 'TAB_AS_INDENT') {
    message = 'YAML syntax error: tabs are not allowed for indentation; indent with spaces';
  } else {
    message = `YAML syntax error: ${error.message}`;
  }
  if (severity === 'error') problems.errorAt(position, message);
  else problems.warningAt(position, message);
}
