import { parseCommandLine } from './args.js';
import { loadProjectConfig } from '../settings/config.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { MAIN_HELP, RUN_HELP, SUGGEST_HELP, VALIDATE_HELP } from './help.js';
import { resolveRunSettings } from './settings.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';
import { formatProblems } from '../report/problems.js';
import { VERSION } from '../version.js';


export async function main(argv: string[], terminal: Terminal): Promise<ExitCodeValue> {
  try {
    const args = parseCommandLine(argv);
    switch (args.command) {
      case 'version':
        terminal.stdout.write(`${VERSION}\n`);
        return ExitCode.Ok;
      case 'help':
        terminal.stdout.write(`${helpText(args.helpFor)}\n`);
        return ExitCode.Ok;
    }
    const color = !args.noColor && terminal.env.NO_COLOR === undefined && (terminal.env.FORCE_COLOR !== undefined || Boolean(terminal.stdout.isTTY));
    const config = await loadProjectConfig(args.config, terminal.cwd);
    if (config.problems.length > 0) {
      terminal.stderr.write(formatProblems(config.problems, { color }) + '\n');
      if (config.problems.some((problem) => problem.severity === 'error')) return ExitCode.InvalidInput;
    }
    if (args.command === 'validate') {
      const { validateCommand } = await import('./validate-command.js');
      return await validateCommand(args.paths.length > 0 ? args.paths : (config.config.prompts ?? ['.']), terminal, color);
    }
    const settings = resolveRunSettings(args, config, terminal.env, {
      stdoutIsTTY: Boolean(terminal.stdout.isTTY),
      stderrIsTTY: Boolean(terminal.stderr.isTTY),
    });
    if (args.command === 'suggest') {
      const { suggestCommand } = await import('./suggest-command.js');
      return await suggestCommand(args, settings, terminal, VERSION);
    }
    const { runCommand } = await import('./run-command.js');
    return await runCommand(settings, terminal, VERSION);
  } catch (error) {
    if (error instanceof UsageError) {
      terminal.stderr.write(`promptgate: ${error.message}\n`);
      return ExitCode.InvalidInput;
    }
    // Only a bug gets here. The stack helps us, not the user, so it is opt-in.
    const detail = terminal.env.PROMPTGATE_DEBUG ? (error as Error).stack : (error as Error).message;
    terminal.stderr.write(
      `promptgate: internal error: ${detail}\nThis is a bug in promptgate; please report it (set PROMPTGATE_DEBUG=1 for details).\n`,
    );
    return ExitCode.Internal;
  }
}

function helpText(topic: 'run' | 'validate' | 'suggest' | undefined): string {
  switch (topic) {
    case 'run':
      return RUN_HELP;
    case 'validate':
      return VALIDATE_HELP;
    case 'suggest':
      return SUGGEST_HELP;
    default:
      return MAIN_HELP;
  }
}
