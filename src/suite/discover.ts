// Finds the prompt files named on the command line: directories are searched for
// `*.prompt.yaml`/`*.prompt.yml`, globs are expanded, and a file named outright is taken whatever its name.
// Nothing is found outside the project directory (see fs/project-bounds.ts): a link that leads out
// of it is not followed.
import { readdir, realpath } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern, type GlobOptions } from 'tinyglobby';
import { isWithin, ProjectBounds, realPathOf } from '../fs/project-bounds.js';
import type { Problem } from '../types.js';

export const PROMPT_FILE_PATTERNS = ['**/*.prompt.yaml', '**/*.prompt.yml'];
// Dependencies, history and our own cache never hold the user's prompts, and can be huge.
export const IGNORED = ['**/node_modules/**', '**/.git/**', '**/.promptgate/**'];

export async function discoverPromptFiles(inputs: string[], cwd: string): Promise<{ files: string[]; problems: Problem[] }> {
  const bounds = await ProjectBounds.of(cwd);
  /** Real path → how to show it: a file reached twice (through a link, or named twice) is listed once. */
  const found = new Map<string, string>();
  const problems: Problem[] = [];
  for (const input of inputs) {
    const matches = await filesFor(input, cwd, bounds);
    problems.push(...matches.problems);
    for (const file of matches.files) {
      const shown = toDisplayPath(file.path, cwd);
      const known = found.get(file.real);
      // The shortest name is usually the one without the detour through a link.
      if (known === undefined || shorter(shown, known)) found.set(file.real, shown);
    }
  }
  return { files: [...found.values()].sort(), problems };
}

interface Matches {
  /** Absolute paths as found, and where each really is. */
  files: { path: string; real: string }[];
  problems: Problem[];
}

/** The absolute paths for one input, or problems saying why there are none. */
async function filesFor(input: string, cwd: string, bounds: ProjectBounds): Promise<Matches> {
  const absolute = resolve(cwd, input);
  const kind = await kindOf(absolute);
  if (kind !== 'missing') {
    const check = await bounds.check(absolute, { mayNameOutside: true });
    // Named outright, so an error: what was asked for cannot be run.
    if (!check.ok) return refused(error(input, `${leadsOutside('leads through a link to', check.real, bounds)}: replace the link with what it points to`));
    if (kind === 'file') return { files: [{ path: absolute, real: check.real }], problems: [] };
    // dot: true because prompt files often live under .github/.
    const crawled = await crawl(PROMPT_FILE_PATTERNS, absolute, rootsFor(check, bounds), bounds);
    if (crawled.files.length > 0 || crawled.problems.length > 0) return crawled;
    return refused(
      error(input, `no *.prompt.yaml or *.prompt.yml files under "${input}"; name prompt files like "refund.prompt.yaml", or pass the files themselves`),
    );
  }
  if (isDynamicPattern(input)) {
    const { base, rest } = splitPattern(input);
    const baseDir = resolve(cwd, base);
    let crawled: Matches;
    if ((await kindOf(baseDir)) === 'directory') {
      const check = await bounds.check(baseDir, { mayNameOutside: true });
      if (!check.ok) return refused(warning(input, `${base} ${leadsOutside('leads through a link to', check.real, bounds)}, so the pattern was not searched`));
      // From the fixed part on, so that the links along it (checked just now) are not met again as links out.
      crawled = await crawl([rest], baseDir, rootsFor(check, bounds), bounds);
    } else {
      // A fixed part that is no directory as written (escaped wildcards, say): the globber reads it.
      crawled = await crawl([input], cwd, [bounds.real], bounds);
    }
    if (crawled.files.length > 0 || crawled.problems.length > 0) return crawled;
    return refused(error(input, `the pattern "${input}" matches no files; check it, and quote it so your shell does not expand it first`));
  }
  return refused(error(input, `"${input}" does not exist; check the path, or pass a directory or a glob such as "prompts/**/*.prompt.yaml"`));
}

/** Links found under a directory may lead into the project, or stay inside a directory named outside it. */
function rootsFor(check: { real: string; namedOutside: boolean }, bounds: ProjectBounds): string[] {
  return check.namedOutside ? [bounds.real, check.real] : [bounds.real];
}

/**
 * Globs below `cwd`, following the links that stay within `roots` and no others. The crawler asks
 * for a real path only for a link (never for a plain file or directory, so this costs nothing in a
 * tree without links). A link that leads out is let through that question, so that the crawler's
 * own rules still decide whether it matters (its name may be ignored), and is stopped where it
 * would be used: its directory is never listed, its file is dropped from the results.
 */
async function crawl(patterns: string[], cwd: string, roots: string[], bounds: ProjectBounds): Promise<Matches> {
  /** Every link the crawler met → its real path; a link loop fails realpath and is never followed. */
  const links = new Map<string, string>();
  /** Real paths of links that leave the roots; the crawler lists a followed link's directory by its real path. */
  const outside = new Set<string>();
  const refusedDirectories = new Set<string>();
  const leaves = (real: string) => !roots.some((root) => isWithin(real, root));
  const hooks = {
    realpath: (path: string, callback: (error: NodeJS.ErrnoException | null, real?: string) => void) =>
      realpath(path, (error, real) => {
        if (!error) {
          links.set(resolve(path), real);
          if (leaves(real)) outside.add(real);
        }
        callback(error, real);
      }),
    readdir: (path: string, options: { withFileTypes: true }, callback: (error: NodeJS.ErrnoException | null, entries?: unknown[]) => void) => {
      const real = resolve(path);
      if (outside.has(real)) {
        refusedDirectories.add(real);
        callback(Object.assign(new Error(`${real} is outside the project`), { code: 'EACCES' }));
        return;
      }
      readdir(path, options, callback);
    },
  };
  // The hooks have the callback signatures the crawler calls; Node's types also describe overloads it never uses.
  const fs = hooks as unknown as GlobOptions['fs'];
  const paths = await glob(patterns, { cwd, absolute: true, dot: true, ignore: IGNORED, fs });

  const files: { path: string; real: string }[] = [];
  const cwdReal = await realPathOf(cwd);
  const realOf = (path: string) => (links.size === 0 ? join(cwdReal, relative(cwd, path)) : realThroughLinks(path, cwd, cwdReal, links));
  // A link met twice (a loop inside the project leads past it again) is reported once, by its shortest name.
  const warnings = new Map<string, Problem>();
  const warn = (link: string, message: string) => {
    const home = join(realOf(dirname(link)), basename(link));
    const shown = toDisplayPath(link, bounds.dir);
    const known = warnings.get(home);
    if (known === undefined || shorter(shown, known.file)) warnings.set(home, warning(shown, message));
  };
  for (const found of paths) {
    const path = resolve(found);
    const real = realOf(path);
    if (!leaves(real)) files.push({ path, real });
    else warn(path, `${leadsOutside('is a link to', real, bounds)}, so it was skipped`);
  }
  for (const [link, real] of links) {
    if (refusedDirectories.has(real)) warn(link, `${leadsOutside('is a link to', real, bounds)}, so nothing under it was searched`);
  }
  return { files, problems: [...warnings.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}

/** The real path of a file found under `cwd`: through the innermost link on its way, if any. */
function realThroughLinks(path: string, cwd: string, cwdReal: string, links: Map<string, string>): string {
  for (let at = path; at !== cwd && at !== dirname(at); at = dirname(at)) {
    const real = links.get(at);
    if (real !== undefined) return join(real, relative(at, path));
  }
  return join(cwdReal, relative(cwd, path));
}

/** Shorter, or as short and first in order: one name for a file reached several ways, whichever way came first. */
function shorter(name: string, than: string): boolean {
  return name.length < than.length || (name.length === than.length && name < than);
}

function leadsOutside(how: 'is a link to' | 'leads through a link to', real: string, bounds: ProjectBounds): string {
  return `${how} ${real}, outside the project directory ${bounds.dir}; promptgate does not follow links out of the project`;
}

/** A glob's leading directories, before its first wildcard, and the pattern from there. */
export function splitPattern(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  let fixed = 0;
  while (fixed < segments.length - 1 && !isDynamicPattern(segments[fixed]!)) fixed++;
  const base = segments.slice(0, fixed).join('/');
  return { base: base === '' ? (fixed > 0 ? '/' : '.') : base, rest: segments.slice(fixed).join('/') };
}

function refused(problem: Problem): Matches {
  return { files: [], problems: [problem] };
}

function error(file: string, message: string): Problem {
  return { file, line: 0, column: 0, severity: 'error', message };
}

function warning(file: string, message: string): Problem {
  return { file, line: 0, column: 0, severity: 'warning', message };
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
