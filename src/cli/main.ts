import { parseCommandLine, type HelpTopic, type ParsedArgs } from './args.js';
import { loadProjectConfig } from '../settings/config.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { INIT_HELP, MAIN_HELP, RUN_HELP, SUGGEST_HELP, VALIDATE_HELP } from './help.js';
import { resolveRunSettings, type RunSettings } from './settings.js';
import { usageProblem, writeRefusalReports } from './refusal-reports.js';
import { createRedactor } from '../redact.js';
import type { Problem } from '../types.js';
import type { Terminal } from './terminal.js';
import { UsageError } from './usage-error.js';
import { formatProblems } from '../report/problems.js';
import { VERSION } from '../version.js';


export async function main(argv: string[], terminal: Terminal): Promise<ExitCodeValue> {
  try {
    // `import` takes its own few options (import-command.ts); none of run's apply to it.
    if (argv[0] === 'import') {
      const { importCommand } = await import('./import-command.js');
      return await importCommand(argv.slice(1), terminal);
    }
    // `merge` reads results files, never a model: none of run's endpoint options apply to it.
    if (argv[0] === 'merge') {
      const { mergeCommand } = await import('./merge-command.js');
      return await mergeCommand(argv.slice(1), terminal);
    }
    const args = parseCommandLine(argv);
    switch (args.command) {
      case 'version':
        terminal.stdout.write(`${VERSION}\n`);
        return ExitCode.Ok;
      case 'help':
        terminal.stdout.write(`${helpText(args.helpFor)}\n`);
        return ExitCode.Ok;
      case 'init': {
        const { initCommand } = await import('./init-command.js');
        return await initCommand(terminal, VERSION);
      }
    }
    if (args.envFiles.length > 0) {
      // Before anything reads the environment: the config's apiKeyEnv may name a variable of the file.
      const { loadEnvFiles } = await import('./env-file.js');
      try {
        await loadEnvFiles(args.envFiles, terminal.cwd, terminal.env);
      } catch (error) {
        if (error instanceof UsageError && args.command === 'run') refuseEarly(args, [usageProblem(error)], terminal);
        throw error;
      }
    }
    const color = !args.noColor && terminal.env.NO_COLOR === undefined && (terminal.env.FORCE_COLOR !== undefined || Boolean(terminal.stdout.isTTY));
    const config = await loadProjectConfig(args.config, terminal.cwd);
    if (config.problems.length > 0) {
      terminal.stderr.write(formatProblems(config.problems, { color }) + '\n');
      if (config.problems.some((problem) => problem.severity === 'error')) {
        if (args.command === 'run') refuseEarly(args, config.problems, terminal);
        return ExitCode.InvalidInput;
      }
    }
    if (args.command === 'validate') {
      const { validateCommand } = await import('./validate-command.js');
      return await validateCommand(args.paths.length > 0 ? args.paths : (config.config.prompts ?? ['.']), terminal, color);
    }
    let settings: RunSettings;
    try {
      settings = resolveRunSettings(args, config, terminal.env, {
        stdoutIsTTY: Boolean(terminal.stdout.isTTY),
        stderrIsTTY: Boolean(terminal.stderr.isTTY),
      });
    } catch (error) {
      if (error instanceof UsageError && args.command === 'run') refuseEarly(args, [usageProblem(error)], terminal, config.config.apiKeyEnv);
      throw error;
    }
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

/**
 * `run` refused before its settings exist (a bad config file, a missing key): the report files
 * asked for still say why. Which files are prompt files is not known yet, so any YAML path is
 * left alone (see writeRefusalReports).
 */
function refuseEarly(args: ParsedArgs, problems: Problem[], terminal: Terminal, apiKeyEnv?: string): void {
  const keys = [args.apiKey, terminal.env.OPENAI_API_KEY, apiKeyEnv ? terminal.env[apiKeyEnv] : undefined, terminal.env.PROMPTGATE_JUDGE_API_KEY];
  writeRefusalReports(
    { problems, outputs: { json: args.output, junit: args.junit, markdown: args.markdown }, inputs: [...args.paths, ...[args.baseline, args.failedFrom].filter((path): path is string => path !== undefined)] },
    { cwd: terminal.cwd, version: VERSION, stderr: terminal.stderr, redact: createRedactor(keys.filter((key): key is string => key !== undefined)) },
  );
}

function helpText(topic: HelpTopic | undefined): string {
  switch (topic) {
    case 'init':
      return INIT_HELP;
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
