// Where a path really leads once links are followed, and whether promptgate may read there. The
// files of a project may come from a pull request: a link among them must not make promptgate
// read (and echo in a problem or a summary) a file elsewhere on the machine, crawl the whole disk,
// or hang in /proc.
//
// The rule: a path that names a place inside the project must still be inside it after every link
// is followed. A path that names a place outside the project was written so on purpose by whoever
// runs promptgate (the command line, the workflow), and is taken as named; links within it may
// lead back into the project or stay within it, nowhere else.
import { lstat, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Symbolic links followed by hand (dangling ones) before giving up, as the kernel's ELOOP limit. */
const MAX_LINK_HOPS = 40;

export type PathCheck =
  /** `real`: where it leads; `named`: whether it was named outside the project on purpose. */
  | { ok: true; real: string; namedOutside: boolean }
  | { ok: false; real: string };

export class ProjectBounds {
  private constructor(
    /** The project directory as given, absolute. */
    readonly dir: string,
    /** The project directory with every link resolved. */
    readonly real: string,
  ) {}

  static async of(dir: string): Promise<ProjectBounds> {
    const absolute = resolve(dir);
    return new ProjectBounds(absolute, await realPathOf(absolute));
  }

  /** Whether `path` (absolute, or relative to the project) names a place inside the project, links aside. */
  namesInside(path: string): boolean {
    return isWithin(resolve(this.dir, path), this.dir);
  }

  /** Whether a real path lies inside the project. */
  contains(real: string): boolean {
    return isWithin(real, this.real);
  }

  /**
   * Where `path` leads and whether it may be read. With `mayNameOutside` false (a path from a file in
   * the project, such as the config's judge prompt, rather than from the person running promptgate)
   * even a path written outside the project is refused.
   */
  async check(path: string, options: { mayNameOutside: boolean }): Promise<PathCheck> {
    const absolute = resolve(this.dir, path);
    const real = await realPathOf(absolute);
    if (this.contains(real)) return { ok: true, real, namedOutside: false };
    if (options.mayNameOutside && !this.namesInside(absolute)) return { ok: true, real, namedOutside: true };
    return { ok: false, real };
  }
}

/** True when `path` is `dir` or lies below it; both absolute. */
export function isWithin(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * The real path of `path`, every link followed. A path that does not exist (yet: a cache directory)
 * is its nearest existing ancestor's real path plus the rest; a dangling link counts as leading to
 * where it points.
 */
export async function realPathOf(path: string): Promise<string> {
  let current = resolve(path);
  const rest: string[] = [];
  for (let hops = 0; ; ) {
    try {
      return join(await realpath(current), ...rest);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
    const link = await lstat(current).then(
      (stats) => stats.isSymbolicLink(),
      () => false,
    );
    if (link) {
      if (++hops > MAX_LINK_HOPS) throw Object.assign(new Error(`too many levels of symbolic links at ${current}`), { code: 'ELOOP' });
      current = resolve(dirname(current), await readlink(current));
      continue;
    }
    const parent = dirname(current);
    if (parent === current) return join(current, ...rest);
    rest.unshift(basename(current));
    current = parent;
  }
}
