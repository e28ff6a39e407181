// Discovery over a list of paths instead of the disk: which of a pull request's files `inputs` (the
// CLI's paths, the Action's `prompts`) would select if they were the project's only files. The same
// rules as discover.ts — a directory is searched for prompt files, a glob is expanded by the same
// globber, a file named outright is taken — run over an in-memory tree, so nothing is written or
// read. A list holds no links, so the project-bounds checks of discover.ts have nothing to do here.
import { posix } from 'node:path';
import { glob, isDynamicPattern, type GlobOptions } from 'tinyglobby';
import { IGNORED, PROMPT_FILE_PATTERNS, splitPattern } from './discover.js';

/**
 * Where the listed tree seems to live. Its ancestors are directories holding only the way down to it,
 * as the workspace's are on disk: a pattern that climbs out and back in (`../**`) finds the listed
 * files; any other absolute input names nothing listed.
 */
const ROOT = '/promptgate-listed-paths';

/** The paths (relative, '/'-separated, as given) that `inputs` select. */
export async function selectPaths(inputs: string[], paths: string[]): Promise<Set<string>> {
  const tree = new ListedTree(paths);
  const selected = new Set<string>();
  for (const input of inputs) {
    for (const found of await filesFor(input, tree)) selected.add(posix.relative(ROOT, found));
  }
  return selected;
}

async function filesFor(input: string, tree: ListedTree): Promise<string[]> {
  const absolute = posix.resolve(ROOT, input);
  const kind = tree.kindOf(absolute);
  if (kind === 'file') return [absolute];
  if (kind === 'directory') return tree.glob(PROMPT_FILE_PATTERNS, absolute);
  if (!isDynamicPattern(input)) return [];
  const { base, rest } = splitPattern(input);
  const baseDir = posix.resolve(ROOT, base);
  return tree.kindOf(baseDir) === 'directory' ? tree.glob([rest], baseDir) : tree.glob([input], ROOT);
}

class ListedTree {
  private readonly files = new Set<string>();
  /** Directory → the names in it, and whether each is a directory. */
  private readonly entries = new Map<string, Map<string, boolean>>([
    ['/', new Map([[posix.basename(ROOT), true]])],
    [ROOT, new Map()],
  ]);

  constructor(paths: string[]) {
    for (const path of paths) {
      const absolute = posix.resolve(ROOT, path);
      if (!absolute.startsWith(`${ROOT}/`)) continue;
      this.files.add(absolute);
      for (let child = absolute, parent = posix.dirname(child); child !== ROOT; child = parent, parent = posix.dirname(parent)) {
        let names = this.entries.get(parent);
        if (!names) this.entries.set(parent, (names = new Map()));
        names.set(posix.basename(child), child !== absolute);
      }
    }
  }

  kindOf(path: string): 'file' | 'directory' | 'missing' {
    if (this.entries.has(path)) return 'directory';
    return this.files.has(path) ? 'file' : 'missing';
  }

  glob(patterns: string[], cwd: string): Promise<string[]> {
    return glob(patterns, { cwd, absolute: true, dot: true, ignore: IGNORED, fs: this.fs });
  }

  /** The one call the globber makes of a tree without links. */
  private readonly fs = {
    readdir: (path: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, entries?: unknown[]) => void) => {
      const names = this.entries.get(posix.resolve(path));
      if (!names) {
        callback(Object.assign(new Error(`${path} is not a listed directory`), { code: 'ENOENT' }));
        return;
      }
      callback(
        null,
        [...names].map(([name, isDirectory]) => ({ name, isFile: () => !isDirectory, isDirectory: () => isDirectory, isSymbolicLink: () => false })),
      );
    },
  } as unknown as GlobOptions['fs'];
}
