export const MAIN_HELP = `promptgate — prompts as code: run prompt suites with assertions against any OpenAI-compatible model

Usage:
  promptgate run [paths...] [options]       run prompt files (files, directories or globs)
  promptgate validate [paths...]            check prompt files without calling a model
  promptgate --version

Run \`promptgate help run\` for the run options.

Exit codes: 0 all passed · 1 a test failed or a threshold was not met · 2 invalid input or usage
(nothing was sent) · 3 some cases could not be evaluated (provider errors) · 4 internal error`;

export const RUN_HELP = `Usage: promptgate run [paths...] [options]

Paths are files, directories (searched for *.prompt.yaml / *.prompt.yml) or globs; default: the
\`prompts\` list in promptgate.config.yaml, else the current directory.

Endpoint and model
  --base-url URL          OpenAI-compatible endpoint (default: config baseUrl, $OPENAI_BASE_URL,
                          https://api.openai.com/v1)
  --api-key KEY           prefer $OPENAI_API_KEY (or the config's apiKeyEnv): flags end up in shell history
  -m, --model NAME        use this model for every file, whatever the files say
  -c, --config FILE       settings file (default: ./promptgate.config.yaml when it exists)

Running
  -j, --concurrency N     model calls in flight at once (default 8)
  --timeout MS            per-request timeout (default 60000)
  --max-retry-time MS     total time one case may spend retrying (default 120000)
  --repeat N              samples per test, overriding the files
  --min-pass-rate R       judge the run by its overall pass rate (0..1) instead of
                          requiring every test to pass
  -t, --test NAME         run only tests with this name (repeatable)
  --cache-dir DIR         response cache (default .promptgate/cache)
  --no-cache              neither read nor write the cache

Reports
  -o, --output FILE       results as JSON (see docs/results-format.md)
  --junit FILE            JUnit XML for CI test reporters
  --markdown FILE         a Markdown summary
  -q, --quiet             no progress line
  --no-color              no colours (also: NO_COLOR)`;

export const VALIDATE_HELP = `Usage: promptgate validate [paths...]

Checks every prompt file (YAML syntax, schema, assertion types and values, placeholders without a
value) and reports every problem as path:line:column. Calls no model. Exit code 2 when a file is invalid.`;
