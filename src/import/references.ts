// `file://` references in a source: resolved against the directory of the file that names them,
// read through the SourceFiles port, and refused (with the referring place) when missing.
import { dirname, extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ImportLog, SourceFiles, SourcePlace } from './types.js';
import { Refusal } from './types.js';

export interface ImportContext {
  files: SourceFiles;
  log: ImportLog;
  /** Shown in notes: paths relative to this directory. */
  root: string;
}

export const FILE_PREFIX = 'file://';

export function isFileRef(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(FILE_PREFIX);
}

/** `file://path` (or `file://path:function`) → the absolute path and the function name, if any. */
export function resolveRef(ref: string, fromFile: string): { path: string; functionName?: string; extension: string } {
  let path = ref.slice(FILE_PREFIX.length);
  let functionName: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon > 1 && /^[A-Za-z_$][\w$]*$/.test(path.slice(colon + 1))) {
    functionName = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  const absolute = isAbsolute(path) ? path : resolve(dirname(fromFile), path);
  return { path: absolute, functionName, extension: extname(absolute).toLowerCase() };
}

export function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

export async function readRef(context: ImportContext, ref: string, from: SourcePlace): Promise<{ path: string; text: string; extension: string }> {
  const { path, extension } = resolveRef(ref, from.file);
  if (isGlob(path)) throw new Refusal(from.file, from.line, `${ref}: globs are not followed by promptgate import; name each file`);
  const text = await context.files.read(path);
  if (text === undefined) throw new Refusal(from.file, from.line, `${ref}: no such file, or it cannot be read`);
  return { path, text, extension };
}

export const CODE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.py', '.rb', '.go', '.sh']);

/** A data file's contents: YAML and JSON parsed, anything else as text. */
export function parseDataFile(path: string, text: string, extension: string): unknown {
  if (extension === '.json' || extension === '.yaml' || extension === '.yml') {
    try {
      return parseYaml(text);
    } catch (error) {
      throw new Refusal(path, undefined, `not valid ${extension === '.json' ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return text;
}
