import { link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

/**
 * Writes through a temporary file in the same directory and renames it into place, so a reader
 * (or a killed run) never sees half a file; rename is atomic only within one filesystem.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * As writeFileAtomic, but never replaces anything at `path` (a file, a directory, a link, even a
 * dangling one): the temporary file is hard-linked into place, which fails when the name is taken,
 * where a rename would overwrite. False when something was there; the file was left as it was.
 */
export async function createFileAtomic(path: string, content: string): Promise<boolean> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await writeFile(temporary, content);
    try {
      await link(temporary, path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!NO_HARD_LINKS.has(code)) throw error;
      // A filesystem without hard links (FAT, some network mounts): an exclusive create still
      // never overwrites, though a reader could see the file half-written.
      await writeFile(path, content, { flag: 'wx' });
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temporary, { force: true });
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
