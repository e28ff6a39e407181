// src/action/runner-io.ts is the only way the Action writes to the runner's log, so that everything in it
// is made safe in one place. A new call to @actions/core's logging elsewhere would bypass it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');
const CHOKE_POINT = 'action/runner-io.ts';
// Everything @actions/core offers that writes a line to the log.
const LOGGING = /\bcore\.(info|notice|warning|error|debug|setFailed|startGroup|endGroup|group)\b/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

it('leaves the logging functions of @actions/core to src/action/runner-io.ts alone', () => {
  // Every file is read, not only those importing @actions/core: the architecture test already keeps that import in one file, so a
  // filter on it would leave nothing to check.
  const offenders = sourceFiles(SRC)
    .map((file) => ({ file: relative(SRC, file), text: readFileSync(file, 'utf8') }))
    .filter(({ file }) => file !== CHOKE_POINT)
    .flatMap(({ file, text }) =>
      text
        .split('\n')
        .map((line, index) => ({ line, where: `src/${file}:${index + 1}` }))
        .filter(({ line }) => !/^\s*(\/\/|\*|\/\*)/.test(line))
        // The CLI writes to its own streams; in the Action nothing but the choke point may.
        .filter(({ line }) => LOGGING.test(line) || (file.startsWith('action/') && /\b(console\.\w+|process\.(stdout|stderr)\.write)\(/.test(line)))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
  expect(offenders).toEqual([]);
  // The check itself must see the choke point's own calls, or it proves nothing.
  expect(readFileSync(join(SRC, CHOKE_POINT), 'utf8')).toMatch(LOGGING);
});
