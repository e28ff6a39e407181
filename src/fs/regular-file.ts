// Reading a file whose name a stranger can influence (a cache entry's name is a hash of a request
// that a pull request's author can compute) without following a link at its place or reading from
// a device: `.promptgate/cache/3f/<key>.json -> /dev/zero` would otherwise grow memory without end.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync } from 'node:fs';

// Not defined on Windows, where a symbolic link needs rights most users lack.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
// A FIFO in the entry's place would otherwise block the open until someone writes to it.
const NO_BLOCK = constants.O_NONBLOCK ?? 0;

/**
 * The file's text when it is a regular file (not a link, device or pipe) of at most `maxBytes`;
 * undefined otherwise, or when it cannot be read. Synchronous: callers read small files in a hot loop.
 */
export function readRegularFileSync(path: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | NO_FOLLOW | NO_BLOCK);
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const buffer = Buffer.allocUnsafe(stat.size);
    let filled = 0;
    while (filled < stat.size) {
      const read = readSync(fd, buffer, filled, stat.size - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    return buffer.toString('utf8', 0, filled);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** True when `path` is a directory itself, not a link to one. */
export function isRealDirectory(path: string): boolean {
  try {
    const stat = lstatSync(path);
    return stat.isDirectory() && !stat.isSymbolicLink();
  } catch {
    return false;
  }
}
