// `promptgate merge FILES… [-o …]`: the results of `run --shard i/N` joined into what one unsharded
// run writes (src/shard/merge.ts), and ended as a run ends (finish-run.ts): the same reports, the
// same console summary, the same gates and the same exit code. Exit 2 when a file is not a shard's
// results, a shard is missing or given twice, or the files are shards of different runs.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readBaseline } from '../baseline/read-baseline.js';
import { checkGates } from '../gates/check-gates.js';
import { DigestBuilder } from '../report/digest.js';
import { formatProblems } from '../report/problems.js';
import { mergeShards, type ShardResults } from '../shard/merge.js';
import { loadProjectConfig } from '../settings/config.js';
import { parseRate, RATE_EXPECTED } from '../settings/rate.js';
import { FAIL_ON, type FailOn } from '../verdict.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { finishRun } from './finish-run.js';
import { ReportFiles } from './report-files.js';
import { reportsByExtension } from './report-paths.js';
import { gateFacts, gatesOfRun } from './run-gates.js';
import type { Terminal } from './terminal.js';

const WORDS = { file: 'shard results file', writeOne: 'write one with `promptgate run --shard i/N -o FILE.json`' };

export async function mergeCommand(argv: string[], terminal: Terminal): Promise<ExitCodeValue> {
  const refuse = (message: string): ExitCodeValue => {
    terminal.stderr.write(`promptgate merge: ${message}\n`);
    return ExitCode.InvalidInput;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        output: { type: 'string', short: 'o', multiple: true },
        junit: { type: 'string' },
        markdown: { type: 'string' },
        'min-pass-rate': { type: 'string' },
        'fail-on': { type: 'string' },
        config: { type: 'string', short: 'c' },
        quiet: { type: 'boolean', short: 'q' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return refuse(`${(error as Error).message}; see \`promptgate merge --help\``);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    terminal.stdout.write(`${MERGE_HELP}\n`);
    return ExitCode.Ok;
  }
  if (positionals.length === 0) return refuse('name the results files of the shards to merge (written by `promptgate run --shard i/N -o FILE.json`); see `promptgate merge --help`');
  const reports = reportsByExtension(values.output ?? [], { junit: values.junit, markdown: values.markdown });
  if (reports.problem !== undefined) return refuse(reports.problem);
  const minPassRateGiven = values['min-pass-rate'] === undefined ? undefined : parseRate(values['min-pass-rate']);
  if (values['min-pass-rate'] !== undefined && minPassRateGiven === undefined) return refuse(`--min-pass-rate takes ${RATE_EXPECTED}; got "${values['min-pass-rate']}"`);
  const failOn = values['fail-on'];
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) return refuse(`--fail-on takes ${FAIL_ON.join(', ')}; got "${failOn}"`);
  if (failOn === 'regression') return refuse('--fail-on regression needs a comparison, and merging compared runs is not supported yet; use --fail-on failure');

  const color = !values['no-color'] && terminal.env.NO_COLOR === undefined && (terminal.env.FORCE_COLOR !== undefined || Boolean(terminal.stdout.isTTY));
  // The gates and the minimum pass rate are the project's, as the run would have read them.
  const config = await loadProjectConfig(values.config, terminal.cwd);
  if (config.problems.length > 0) {
    terminal.stderr.write(formatProblems(config.problems, { color }) + '\n');
    if (config.problems.some((problem) => problem.severity === 'error')) return ExitCode.InvalidInput;
  }

  const shards: ShardResults[] = [];
  const problems = [];
  for (const path of positionals) {
    const read = await readBaseline(resolve(terminal.cwd, path), path, WORDS);
    if (read.ok) shards.push({ name: path, report: read.report });
    else problems.push(read.problem);
  }
  if (problems.length > 0) {
    terminal.stderr.write(formatProblems(problems, { color }) + '\n');
    return refuse('nothing was merged');
  }
  const merged = mergeShards(shards);
  if (!merged.ok) return refuse(merged.problem);
  const inputs = new Set(positionals.map((path) => resolve(terminal.cwd, path)));
  for (const [flag, path] of Object.entries({ '--output': reports.json, '--junit': reports.junit, '--markdown': reports.markdown })) {
    if (path !== undefined && inputs.has(resolve(terminal.cwd, path))) return refuse(`${flag} ${path} would overwrite a shard's results; choose another path`);
  }

  const report = merged.report;
  const models = [...new Set(report.results.flatMap((result) => (result.model !== undefined ? [result.model] : [])))];
  const settings = {
    color,
    quiet: values.quiet ?? false,
    ...(failOn !== undefined ? { failOn: failOn as FailOn } : {}),
    ...((minPassRateGiven ?? config.config.minPassRate) !== undefined ? { minPassRate: (minPassRateGiven ?? config.config.minPassRate)! } : {}),
  };
  let reportFiles: ReportFiles;
  try {
    reportFiles = ReportFiles.open({ json: reports.json, junit: reports.junit, markdown: reports.markdown }, terminal.cwd, { showModel: models.length > 1 });
  } catch (error) {
    return refuse((error as Error).message.replace('Nothing was sent to the model; choose', 'Choose'));
  }
  try {
    const digest = new DigestBuilder({ models });
    for (const result of report.results) {
      reportFiles.add(result);
      digest.add(result);
    }
    const { results, ...head } = report;
    const gates = gatesOfRun(config, false);
    const outcomes = gates.length > 0 ? checkGates(gates, { ...head, results: results.map(gateFacts) }) : [];
    return finishRun(head, digest.finish(head.summary), { settings, terminal, reportFiles, stopSignals: { received: undefined } }, { gates: outcomes });
  } finally {
    reportFiles.discard();
  }
}

export const MERGE_HELP = `Usage: promptgate merge SHARD.json... [-o FILE] [--junit FILE] [--markdown FILE] [options]

Joins the results of \`promptgate run --shard I/N -o FILE.json\` (one file per part, all N of them)
into what one unsharded run writes: the same tests in the same order, the same totals (requests
and cache hits summed, the duration the slowest part's), the same reports, gates and exit code.

  -o, --output FILE       a report, its format by the extension: .json, .xml (JUnit), .md (Markdown)
  --junit FILE            JUnit XML
  --markdown FILE         a Markdown summary
  --min-pass-rate R       judge by the overall pass rate (0.9 or 90%), as run does
  --fail-on WHEN          failure (the default) or never
  -c, --config FILE       settings file whose gates and minPassRate apply (default: ./promptgate.config.yaml)
  -q, --quiet / --no-color

Exit codes: as \`promptgate run\` would have given · 2 a file is not a shard's results, a part is
missing or given twice, or the files are parts of different runs (other files, tests, models,
--repeat or N)`;
