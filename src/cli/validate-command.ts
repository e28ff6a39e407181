import { hasErrors, loadSuites } from '../pipeline.js';
import { plural } from '../report/numbers.js';
import { formatProblems } from '../report/problems.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import type { Terminal } from './terminal.js';

export async function validateCommand(paths: string[], terminal: Terminal, color: boolean): Promise<ExitCodeValue> {
  const { suites, problems } = await loadSuites(paths, terminal.cwd);
  if (problems.length > 0) terminal.stderr.write(formatProblems(problems, { color }) + '\n');
  if (hasErrors(problems)) return ExitCode.InvalidInput;
  const tests = suites.reduce((sum, suite) => sum + suite.tests.length, 0);
  terminal.stdout.write(`${plural(suites.length, 'file')} valid, ${plural(tests, 'test')}.\n`);
  return ExitCode.Ok;
}
