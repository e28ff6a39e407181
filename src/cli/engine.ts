// The engine a CLI command runs on (src/engine/engine.ts), with what is the CLI's own: the cache
// directory confined to the project, its warning on stderr, and the redactor that leaves the
// `not-needed` placeholder key alone.
import { createEngine, type Engine } from '../engine/engine.js';
import { confinedCacheDir } from '../run/cache-location.js';
import type { EngineSettings } from '../settings/engine.js';
import { redactorOf, type RunSettings } from './settings.js';
import type { Terminal } from './terminal.js';

/** A cache directory that leads out of the project is warned about and not used. */
export async function cliEngine(settings: RunSettings, terminal: Terminal, version: string): Promise<Engine> {
  const cacheDir = await confinedCacheDir(settings.cacheDir, terminal.cwd, (message) => terminal.stderr.write(`promptgate: warning: ${message}\n`));
  const engineSettings: EngineSettings = { ...settings };
  if (cacheDir) engineSettings.cacheDir = cacheDir;
  else delete engineSettings.cacheDir;
  // Answers that echo a key are redacted before the cache, the reports or the console see them.
  return createEngine(engineSettings, { cwd: terminal.cwd, redact: redactorOf(settings), version });
}
