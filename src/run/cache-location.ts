// Where the disk cache may live. The default, `.promptgate/cache`, is inside the project, and so is
// any link on the way to it: a pull request can make `.promptgate` a link to /proc (where Node's
// recursive mkdir spins forever) or to anywhere else promptgate would then read and write. A cache
// is an optimisation, so such a cache is not used and the run goes on without it.
import { relative, resolve } from 'node:path';
import { ProjectBounds } from '../fs/project-bounds.js';

/** The absolute cache directory to use; undefined when caching is off or the directory may not be used. */
export async function confinedCacheDir(dir: string | undefined, projectDir: string, warn: (message: string) => void): Promise<string | undefined> {
  if (dir === undefined) return undefined;
  const absolute = resolve(projectDir, dir);
  const shown = relative(projectDir, absolute) || absolute;
  try {
    const bounds = await ProjectBounds.of(projectDir);
    // A directory named outside the project (--cache-dir /var/cache/x) was chosen so on purpose.
    const check = await bounds.check(absolute, { mayNameOutside: true });
    if (check.ok) return absolute;
    warn(
      `the cache directory ${shown} leads through a link to ${check.real}, outside the project directory ${bounds.dir}, so this run does not use a cache; ` +
        'replace the link with a directory, or name a cache directory outside the project outright',
    );
  } catch (error) {
    warn(`cannot tell where the cache directory ${shown} leads (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), so this run does not use a cache`);
  }
  return undefined;
}
