// What `promptgate init` writes. The prompt file's tests pass with the built-in echo model (which
// answers with the question), so `promptgate run --model echo` is green before anyone has a key,
// and they are what a real model's answer should meet too. test/cli/init.test.ts validates them.

/** Where the editor finds the schema: the installed version's, not whatever `main` holds today. */
function schemaUrl(version: string, file: string): string {
  return `https://raw.githubusercontent.com/promptgate/promptgate/v${version}/schema/${file}`;
}

export const STARTER_PROMPT_PATH = 'prompts/example.prompt.yaml';
export const CONFIG_PATH = 'promptgate.config.yaml';
export const WORKFLOW_PATH = '.github/workflows/promptgate.yml';
export const GITIGNORE_PATH = '.gitignore';
/** The cache and anything else promptgate keeps between runs. */
export const IGNORED_DIR = '.promptgate/';

export function starterPrompt(version: string): string {
  return `# yaml-language-server: $schema=${schemaUrl(version, 'promptgate.schema.json')}
# A starter prompt file from \`promptgate init\`. Edit the messages; keep the tests passing.
#   npx promptgate run --model echo    without a key: echo answers with the question itself,
#                                      which checks the placeholders and assertions
#   npx promptgate run                 against the model below (set OPENAI_API_KEY first)
name: Support reply
description: Answers a customer's question within the refund policy.
model: gpt-4o-mini
modelParameters:
  temperature: 0
  maxTokens: 200
messages:
  - role: system
    content: |
      You are the support assistant for {{shop}}.
      Customers may return any item within {{refundDays}} days of delivery for a full refund.
      Answer in at most three sentences. Never promise what the policy does not allow.
  - role: user
    content: "{{question}}"
vars:                     # defaults for every test
  shop: Acme Outfitters
  refundDays: 30
assert:                   # checked on every test
  - max-words: 80
  - not-icontains: as an AI
tests:
  - name: return within the window
    vars:
      question: Can I return the boots I bought three weeks ago?
    assert:
      - icontains-any: [return, refund]
  - name: names the order asked about
    vars:
      question: Where is my order A-1042?
    assert:
      - contains: A-1042
`;
}

export function starterConfig(version: string): string {
  return `# yaml-language-server: $schema=${schemaUrl(version, 'config.schema.json')}
# promptgate's settings for this project. Command-line flags override them.
prompts: [prompts/]          # what \`promptgate run\` runs when given no paths
# model: gpt-4o-mini         # for prompt files that name no model
# baseUrl: http://localhost:11434/v1   # another OpenAI-compatible endpoint (here Ollama); default OpenAI
# apiKeyEnv: OPENAI_API_KEY  # the NAME of the variable that holds the key, never the key itself
`;
}

export function starterWorkflow(): string {
  return `# Runs the prompt files on pull requests (a review comment on each regression) and on main.
# Needs the repository secret OPENAI_API_KEY: Settings > Secrets and variables > Actions.
name: prompts

on:
  pull_request:
  push:
    branches: [main]

permissions:
  contents: read
  pull-requests: write # the review and the summary comment

jobs:
  promptgate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5

      # Keeps model answers between runs: unchanged prompts cost no requests.
      - uses: actions/cache@v4
        with:
          path: .promptgate/cache
          key: promptgate-\${{ github.run_id }}
          restore-keys: promptgate-

      - uses: promptgate/promptgate@v1
        with:
          prompts: prompts/
          api-key: \${{ secrets.OPENAI_API_KEY }}
`;
}

export const GITIGNORE_ENTRY = `# promptgate's cache of model answers
${IGNORED_DIR}
`;
