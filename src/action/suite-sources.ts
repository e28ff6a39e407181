// Where the suites of a run come from: the workspace checkout (as the CLI reads them), or texts
// fetched through the API — loaded in memory with the same loader, never written to disk, never run.
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadSuites, type LoadedSuites } from '../pipeline.js';
import { loadSuite } from '../suite/load.js';
import type { Problem, Suite } from '../types.js';

export async function loadFromWorkspace(paths: string[], workspace: string): Promise<LoadedSuites> {
  const missing: Problem[] = [];
  const present: string[] = [];
  for (const path of paths) {
    try {
      await access(resolve(workspace, path));
      present.push(path);
    } catch {
      missing.push({
        file: path,
        line: 0,
        column: 0,
        severity: 'error',
        message: 'the pull request changes this file but it is not in the workspace: run actions/checkout before promptgate',
      });
    }
  }
  const loaded = present.length > 0 ? await loadSuites(present, workspace) : { suites: [], problems: [] };
  return { suites: loaded.suites, problems: [...missing, ...loaded.problems] };
}

export function loadFromTexts(texts: Map<string, string>): LoadedSuites {
  const suites: Suite[] = [];
  const problems: Problem[] = [];
  for (const [path, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const loaded = loadSuite(path, text);
    problems.push(...loaded.problems);
    if (loaded.suite) suites.push(loaded.suite);
  }
  return { suites, problems };
}
