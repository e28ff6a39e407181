export const MAIN_HELP = `promptgate — prompts as code: run prompt suites with assertions against any OpenAI-compatible model

Usage:
  promptgate run [paths...] [options]       run prompt files (files, directories or globs)
  promptgate run [paths...] --against REF   compare them with their versions at a git ref
  promptgate run [paths...] --baseline FILE compare them with an earlier run's results (a release's)
  promptgate validate [paths...]            check prompt files without calling a model
  promptgate suggest <file> --critique "…"  turn a critique into an edit of the prompt, verified by its tests
  promptgate run [paths...] --shard I/N     run part I of N (a CI matrix job); then promptgate merge FILES…
  promptgate init                           start a project: a prompt file with tests, the config, a workflow
  promptgate import <source> [--out DIR]    convert a promptfoo config into prompt files, with a report
  promptgate --version

Run \`promptgate help run\` for the run options, \`promptgate help suggest\` for suggest.
No key yet? \`promptgate run --model echo\` answers every test with its last user message, offline.

Exit codes: 0 all passed · 1 a test failed, a threshold was not met or a gate failed (with
--against or --baseline, by default: a test regressed) · 2 invalid input or usage (nothing was
sent; also a report path that cannot be written, a git ref that cannot be read, a baseline that is
not a results file, or a gate on a tag or file the run does not have; the report files asked for
are written with the problems) · 3 some cases could not be evaluated (provider errors, or an endpoint that failed its first calls) · 4 internal
error · 5 a report file could not be written at the end (disk full, permissions; the others were
written) · 130 interrupted (SIGINT, Ctrl-C) · 143 stopped by SIGTERM (a cancelled CI job); after a
signal the reports hold the tests that finished, marked interrupted after N of M`;

export const RUN_HELP = `Usage: promptgate run [paths...] [options]

Paths are files, directories (searched for *.prompt.yaml / *.prompt.yml) or globs; default: the
\`prompts\` list in promptgate.config.yaml, else the current directory.

Endpoint and model
  --base-url URL          OpenAI-compatible endpoint (default: config baseUrl, $OPENAI_BASE_URL,
                          https://api.openai.com/v1)
  --api-key KEY           prefer $OPENAI_API_KEY (or the config's apiKeyEnv): flags end up in shell history
  -m, --model NAME        use this model for every file, whatever the files say. \`echo\` is built
                          in: it answers with the last user message, offline and free, needs no
                          key and writes no cache (checks placeholders and assertions).
                          Repeatable: \`--model a --model b\` runs every file once per model and
                          shows them side by side (per model: pass rate, cost, latency; per test:
                          which passed); the judge is then not one of them (--judge-model).
                          Not with --against or --baseline, nor for suggest
  -c, --config FILE       settings file (default: ./promptgate.config.yaml when it exists)
  --judge-model NAME      model that grades llm-rubric and GitHub Models evaluators (default:
                          config judge.model, else --model, else the judge prompt's or the
                          evaluator's own model)
  --judge-base-url URL    endpoint for the judge, when not the model under test's; its key
                          comes from $PROMPTGATE_JUDGE_API_KEY (or the config's judge.apiKeyEnv)
  --env-file FILE         read variables from a dotenv file (KEY=value) before anything else:
                          keys, OPENAI_BASE_URL, proxies. Variables already set win; repeatable
                          (a later file wins). Values are never printed

  Behind a proxy: HTTPS_PROXY (https:// endpoints) and HTTP_PROXY (http://) name an http:// or
  https:// proxy, user:password@ allowed; NO_PROXY lists hosts reached directly (host, .domain,
  host:port, or *). Either case works; ALL_PROXY and SOCKS proxies are not used

Running
  -j, --concurrency N     model calls in flight at once (default 8)
  --timeout MS            per-request timeout (default 60000)
  --max-retry-time MS     total time one case may spend retrying (default 120000)
  --shard I/N             run part I of N (1/4 … 4/4) of the selected tests, for a CI matrix: each
                          test whole (all its samples and models) in one part, the parts balanced
                          by calls and the same on every machine. -o FILE.json records the part;
                          \`promptgate merge\` joins the N files. Not with --against or --baseline yet
  --repeat N              samples per test, overriding the files
  --min-pass-rate R       judge the run by its overall pass rate (0.9 or 90%) instead of
                          requiring every test to pass
  -t, --test NAME         run only tests with this name, or matching this pattern: * any run of
                          characters, ? one (\`-t 'refund*'\`; quote it from the shell). Repeatable;
                          a name or pattern that matches no test is exit 2
  --failed-from FILE      run only the tests that failed or errored in FILE (a results file
                          written with -o), found by file and test name; none left: exit 0
  --fail-on WHEN          when to exit 1 besides a failed gate: \`failure\` any test fails (the
                          default without a comparison); \`regression\` a test got worse than at
                          the --against ref or in the --baseline; \`never\` (not even for a gate).
                          With a comparison and no --fail-on, the gates decide
  --cache-dir DIR         response cache (default .promptgate/cache)
  --no-cache              neither read nor write the cache

Comparing with a git ref
  --against REF           also run the files as they were at REF (a branch, tag or commit, read
                          with git; nothing is checked out) and say, test by test, whether it got
                          worse (regression), better (improvement), stayed the same (unchanged),
                          could not be decided within the samples (inconclusive) or has no
                          earlier version (new). Each compared test is sampled until the evidence
                          decides, up to compare.maxSamples a side (24; promptgate.config.yaml);
                          --repeat N takes exactly N a side. A regression is called only on
                          evidence: at most compare.falseAlarmRate (5%) of the tests called
                          changed are expected to be false alarms

Comparing with a baseline (a release)
  --baseline FILE         compare with an earlier run's results (written with --output, best
                          with --repeat 20): its samples are the base side as recorded, and only
                          this run is sampled, as with --against. A test in FILE that its file
                          no longer has (or whose file is gone) is reported as removed; files
                          not selected are left out. Not with --against. With --model: the side
                          by side of a model upgrade

Gates (\`gates:\` in promptgate.config.yaml)
  Checked after every run, each shown with its figure and limit: noRegression, noLostPass,
  minPassRate, maxErrored, maxCostIncrease, maxLatencyIncrease, for all tests, a tag or a file.
  With a comparison and none declared, the gate is noRegression; without a comparison, the gates
  that need an earlier version are skipped. A failed gate exits 1

Reports
  -o, --output FILE       a report, its format by the extension: .json the results (see
                          docs/results-format.md), .xml JUnit, .md Markdown. Repeatable
                          (\`-o results.json -o junit.xml\`), one path per format; any other
                          extension is exit 2 (an HTML report is not built yet)
  --junit FILE            JUnit XML for CI test reporters
  --markdown FILE         a Markdown summary; with --against or --baseline, the release report
                          (gates, changes with pass counts, cost and latency, tests added and
                          removed), to paste into release notes
                          A run refused with exit 2 writes each of these with the problems (JUnit:
                          one failing testcase per error, at its file and line); never over a
                          prompt file, nor to a YAML path
  -q, --quiet             no progress line
  --no-color              no colours (also: NO_COLOR)`;

export const VALIDATE_HELP = `Usage: promptgate validate [paths...]

Checks every prompt file (YAML syntax, schema, assertion types and values, placeholders without a
value) and reports every problem as path:line:column. Calls no model. Exit code 2 when a file is invalid.`;

export const SUGGEST_HELP = `Usage: promptgate suggest <file> --critique "..." [--test NAME ...] [options]

Asks a model for candidate edits of one prompt file that answer the critique, applies each to a
copy, runs every test of the file on it, and prints the best verified edit as a diff, with a
before/after table of the tests and what it cost. Verified means: the edited file is valid, the
targeted tests pass, no test that passed before fails, and the edit is shown to answer the
critique — a targeted test that failed improves, or (when they already passed) the candidate's
proposed assertion fails before the edit and passes after it. An edit that only breaks nothing is
shown as not verified. Only the prompt may change; tests, vars and assertions may not.

  --critique TEXT         what is wrong, in plain words (required)
  -t, --test NAME         the tests the critique is about (repeatable; default: the failing tests,
                          or all tests when none fails)
  --lines N or N-M        the lines the critique is about
  --candidates N          candidate edits to ask for, in one call (default 3, at most 10)
  --apply                 write the verified edit to the file (nothing is written otherwise)
  --max-calls N           model calls the whole step may make, retries included (default 100)
  --max-time MS           time the whole step may take (default 180000)
  --editor-model NAME     model for the editor call (default: --model, else the editor prompt's model)
  --editor-prompt FILE    your own editor prompt (default: the bundled
                          prompts/promptgate/suggest-edit.prompt.yaml)

Endpoint, model and cache options are those of \`promptgate run\`.

Exit codes: 0 an edit was verified (and applied with --apply) · 1 no candidate passed verification,
or none was shown to answer the critique · 2 invalid input or usage · 3 the model could not be reached`;

export const INIT_HELP = `Usage: promptgate init

Writes, in the current directory, what a project starts from:
  prompts/example.prompt.yaml        a prompt file with tests (they pass with --model echo)
  promptgate.config.yaml             settings: which prompts \`promptgate run\` runs, model, endpoint
  .github/workflows/promptgate.yml   the GitHub Action on pull requests and on main
  .gitignore                         gains .promptgate/ (the answer cache) when it lacks it

A file that exists is left alone (and listed), never overwritten; .gitignore is only appended to.
Exit codes: 0 done · 2 a file could not be created (the message says which and why)`;

export const IMPORT_HELP = `Usage: promptgate import <source> [--out DIR] [--run RUN.json]... [--data FILE_ID=PATH]...

Converts into promptgate prompt files in DIR (default: the current directory):
  a promptfoo config (promptfooconfig.yaml, or the directory holding it): one file per prompt and provider
  an openai/evals registry YAML (evals/registry/evals/*.yaml, samples from evals/registry/data/): one file per eval
  an OpenAI Evals definition saved from the API (the eval object, with its runs in the same file as a list,
  or each named with --run): one file per completions run; --data names the local JSONL of a run's file_id
It never overwrites a file: if any target exists, nothing is written.

The report lists what was converted, what was approximated (and how) and what was not converted
(and why), each at its file and line. Details: docs/import.md.

Exit codes: 0 everything converted · 1 something was approximated or not converted (the files were
written) · 2 the source is none of these, is broken (a missing file, unreadable CSV, an unknown
assertion or grader type, a Git LFS pointer instead of data, a file_id without --data), or a target
exists: nothing written`;
