import { accessSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFully } from './spool.js';

/** Why a path cannot take a file, in words; `cause` is the system's error. */
export class OutputPathError extends Error {}

/**
 * A file a run writes at its end (a report), checked before the run starts: finding out after an
 * hour of model calls that the directory is read-only loses the hour.
 *
 * A regular file is written through a temporary file in the same directory and renamed into
 * place, so a reader (or a killed run) never sees half of it. Anything else that already exists
 * and is not a directory — /dev/stdout, a named pipe — is written directly: it cannot be renamed
 * over, and trying would replace the device with a file.
 */
export class OutputTarget {
  private constructor(
    readonly path: string,
    private readonly direct: boolean,
  ) {}

  /**
   * Creates missing directories, as the write would, and makes sure a file can be created there.
   * Throws an OutputPathError saying why not.
   */
  static check(path: string): OutputTarget {
    const existing = statOrUndefined(path);
    if (existing?.isDirectory()) throw new OutputPathError(`${path} is a directory`);
    if (existing && !existing.isFile()) {
      try {
        accessSync(path, constants.W_OK);
      } catch (error) {
        throw new OutputPathError(`${path} cannot be written: ${describeIoError(error)}`, { cause: error });
      }
      return new OutputTarget(path, true);
    }
    const directory = dirname(path);
    const blocking = nearestExisting(directory);
    if (blocking && !blocking.stats.isDirectory()) throw new OutputPathError(`${blocking.path} is a file, not a directory`);
    try {
      mkdirSync(directory, { recursive: true });
    } catch (error) {
      throw new OutputPathError(`cannot create the directory ${directory}: ${describeIoError(error)}`, { cause: error });
    }
    // Only creating a file proves it can be done: permissions, read-only mounts and ACLs all have a say.
    const probe = temporaryName(path);
    try {
      closeSync(openSync(probe, 'wx', 0o600));
      rmSync(probe, { force: true });
    } catch (error) {
      throw new OutputPathError(`cannot create files in ${directory}: ${describeIoError(error)}`, { cause: error });
    }
    return new OutputTarget(path, false);
  }

  /**
   * Writes the whole file: `fill` is given a function that appends bytes. Throws the system's error
   * (a full disk, say); a regular file is then left as it was.
   */
  write(fill: (append: (chunk: string | Uint8Array) => void) => void): void {
    const file = this.direct ? this.path : temporaryName(this.path);
    let fd: number | undefined;
    try {
      fd = openSync(file, this.direct ? 'w' : 'wx', 0o666);
      const opened = fd;
      fill((chunk) => writeFully(opened, typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
      closeSync(fd);
      fd = undefined;
      if (!this.direct) renameSync(file, this.path);
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      if (!this.direct) rmSync(file, { force: true });
      throw error;
    }
  }
}

/** `no space left on the device (ENOSPC)`: the system's reason in words a user can act on, with its code. */
export function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words = code ? IO_ERROR_WORDS[code] : undefined;
  if (words && code) return `${words} (${code})`;
  return (error as Error).message ?? String(error);
}

const IO_ERROR_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ENOENT: 'no such file or directory',
  EISDIR: 'it is a directory',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EFBIG: 'the file is too large',
  EIO: 'an input/output error',
  ENAMETOOLONG: 'the name is too long',
};

function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/** The path itself or its closest ancestor that exists; what decides whether the directory can be made. */
function nearestExisting(path: string): { path: string; stats: Stats } | undefined {
  for (let current = path; ; current = dirname(current)) {
    const stats = statOrUndefined(current);
    if (stats) return { path: current, stats };
    if (dirname(current) === current) return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
