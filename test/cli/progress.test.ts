// The progress a person sees on stderr during `promptgate run`: through main(), with stderr
// standing in for a terminal (isTTY, 100 columns), against the model double.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { startModelServer, type ModelServer } from '../support/model-server.js';

const PROMPT = `model: m
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: greets
    vars: { question: hello }
    assert:
      - contains: hello
  - name: refunds
    vars: { question: refund }
    assert:
      - contains: 30 days
  - name: ships
    vars: { question: ship }
    assert:
      - contains: ship
`;

let server: ModelServer;
let cwd: string;

beforeAll(async () => {
  // A model that answers the refund question with an escape sequence that would clear the screen.
  server = await startModelServer({ rules: [{ match: (request) => request.lastUserMessage === 'refund', reply: 'no\u001b[2J refunds\r\nsorry' }] });
  cwd = await mkdtemp(join(tmpdir(), 'promptgate-progress-'));
  await writeFile(join(cwd, 'support.prompt.yaml'), PROMPT);
});
afterAll(() => server.close());

async function run(args: string[], options: { tty: boolean; env?: Record<string, string> }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const terminal: Terminal = {
    stdout: { write: (chunk: string) => ((stdout += String(chunk)), true) } as unknown as Terminal['stdout'],
    stderr: Object.assign({ write: (chunk: string) => ((stderr += String(chunk)), true) }, options.tty ? { isTTY: true, columns: 100 } : {}) as unknown as Terminal['stderr'],
    cwd,
    env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test', ...options.env },
  };
  const code = await main(['run', 'support.prompt.yaml', '--no-cache', ...args], terminal);
  return { code, stdout, stderr };
}

/** What a terminal shows last on each row of stderr. */
function rows(stderr: string): string[] {
  return stderr
    .split('\n')
    .map((row) => row.split('\r').at(-1)!.replaceAll('\u001b[K', ''))
    .filter((row) => row !== '');
}

describe('promptgate run, progress on a terminal', () => {
  it('prints the failure as one safe line as it happens, the counts on the last line, and the full block at the end', async () => {
    const { code, stdout, stderr } = await run([], { tty: true, env: { NO_COLOR: '1' } });
    expect(code).toBe(1);
    const shown = rows(stderr);
    // Cut to the terminal's 100 columns (the reason goes on to quote the output).
    expect(shown[0]).toMatch(/^FAIL {2}support\.prompt\.yaml:10 {2}support › refunds — contains: expected output to contain "30 days".*…$/);
    expect(shown.at(-1)).toMatch(/^3\/3 tests \(100%\) · 2 passed, 1 failed · \d+s elapsed$/);
    expect(shown.every((row) => row.length < 100)).toBe(true);
    // NO_COLOR: the only escape sequence is the redraw's own clear-to-end.
    expect(stderr.replaceAll('\u001b[K', '')).not.toContain('\u001b');
    // The full block still comes with the report, the model's escape made visible.
    expect(stdout).toMatch(/FAIL {2}support\.prompt\.yaml:10/);
    expect(stdout).toContain('no\\x1b[2J refunds');
  });

  it('shows no progress with -q', async () => {
    const { stderr } = await run(['-q'], { tty: true });
    expect(stderr).toBe('');
  });

  it('never redraws in a CI log', async () => {
    const { stderr } = await run([], { tty: true, env: { CI: 'true' } });
    // A run this short leaves its counts to the summary; a longer one writes a plain line every 10 s.
    expect(stderr).toBe('');
  });
});
