// A workflow step that runs the CLI has its output read for workflow commands. A model's answer and
// a prompt file's names are printed, so none of their lines may become one.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { runCli, scratchProject } from './run-cli.js';

const HOSTILE_ANSWER = 'Sure.\n::add-mask::Sure\n   ::error file=x::forged\n::stop-commands::halt\nsee ##[warning]legacy';

const SUITE = `name: Hostile output
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: "fails, so its output is printed\\n::warning::from a test name"
    vars: { question: Hello }
    assert:
      - contains: "never said"
`;

let model: ModelServer | undefined;
let project: string | undefined;
afterEach(async () => {
  await Promise.all([model?.close(), project ? rm(project, { recursive: true, force: true }) : undefined]);
  model = project = undefined;
});

/** Lines a runner would carry out as commands: `::name` after leading whitespace, or `##[` anywhere. */
function commandLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['));
}

it('prints model output and test names without a line a runner would take for a workflow command', async () => {
  model = await startModelServer({ defaultReply: HOSTILE_ANSWER });
  project = await scratchProject();
  await writeFile(join(project, 'hostile.prompt.yaml'), SUITE);
  const result = await runCli(['run', 'hostile.prompt.yaml', '--no-cache', '--no-color'], {
    cwd: project,
    env: { OPENAI_BASE_URL: model.url, OPENAI_API_KEY: 'sk-workflow-test-0001' },
  });
  expect(result.code).toBe(1);
  // The text is still there for the reader, with the command broken.
  expect(result.stdout).toContain('\\::add-mask::Sure');
  expect(result.stdout).toContain('\\::error file=x::forged');
  expect(result.stdout).toContain('##\\[warning]legacy');
  expect(commandLines(result.stdout)).toEqual([]);
  expect(commandLines(result.stderr)).toEqual([]);
});
