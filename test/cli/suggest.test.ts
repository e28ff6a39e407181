import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import {
  BE_BRIEF,
  MINIMAL_EDIT,
  MINIMAL_FIX_TEXT,
  README_CRITIQUE,
  README_FILE,
  README_PROMPT,
  STATE_REFUND_POLICY,
  SUPPORT_FILE,
  SUPPORT_PROMPT,
  editorAnswer,
  editorRule,
  readmeModelRule,
  supportModel,
} from '../feedback/support.js';
import { repoRoot, runMain, type CliResult } from './run-cli.js';

const OTHER_FILE = 'prompts/other.prompt.yaml';
const CANNED_QUESTION = 'Can I return boots, and do you ship to Canada?';
const OTHER_PROMPT = 'model: m\nmessages:\n  - role: user\n    content: hi\ntests:\n  - name: one\n';

let server: ModelServer;

beforeAll(async () => {
  server = await startModelServer({
    rules: [
      editorRule('fix', editorAnswer({ edits: [MINIMAL_EDIT], rationale: 'State the refund window.', assertion: { icontains: '30 days' } })),
      editorRule('no-fix', editorAnswer({ edits: [{ find: 'one short sentence.', replace: 'one short, friendly sentence.' }], rationale: 'Friendlier.' })),
      editorRule('garbage', 'I would rather not.'),
      // A fixed question the model answers in a way that passes all three tests.
      editorRule('canned', editorAnswer({ edits: [{ find: 'content: "{{question}}"', replace: `content: "${CANNED_QUESTION}"` }], rationale: 'One question for all.' })),
      { match: (request) => request.lastUserMessage === CANNED_QUESTION, reply: 'Yes: returns within 30 days, and we ship to Canada.' },
      // The README's example: "refund window" already passes, at length and without the refund policy.
      readmeModelRule,
      { match: (request) => request.body.model === 'editor-brief', reply: editorAnswer({ edits: [BE_BRIEF], rationale: 'Shorter answers.', assertion: null }) },
      {
        match: (request) => request.body.model === 'editor-refund',
        reply: editorAnswer({ edits: [STATE_REFUND_POLICY], rationale: 'States the refund policy, briefly.', assertion: { icontains: 'refund' } }),
      },
    ],
    defaultReply: supportModel,
  });
});
afterAll(() => server.close());
beforeEach(() => server.resetStats());

function suggest(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runMain(args, { cwd, env: { OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test', ...env } });
}

async function project(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'promptgate-suggest-'));
  await mkdir(join(dir, 'prompts'));
  await writeFile(join(dir, SUPPORT_FILE), SUPPORT_PROMPT);
  await writeFile(join(dir, OTHER_FILE), OTHER_PROMPT);
  return dir;
}

/** Every file under dir with a hash of its content, so any write anywhere shows up. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries.filter((candidate) => candidate.isFile())) {
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length + 1)] = createHash('sha256').update(await readFile(path)).digest('hex');
  }
  return files;
}

const EDITOR = ['--editor-model', 'editor-model'];

describe('promptgate suggest', () => {
  it('prints the verified diff, the table and the spend, and leaves the file alone without --apply', async () => {
    const dir = await project();
    const before = await snapshot(dir);
    const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', '[fix] It forgets the refund policy.', '--no-cache', '-q', ...EDITOR]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      [
        '✓ Verified edit for prompts/support.prompt.yaml (candidate 1 of 1), side by side with the file as it is:',
        '  targeted test "refund window": 0/8 → 8/8 (improvement, p < 0.001)',
        '  no regression among 2 other tests (each ≥ 4 samples a side)',
        "  Regressions and improvements are called by Fisher's exact test on the pass counts, at a 5% false-alarm rate.",
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      [
        '--- a/prompts/support.prompt.yaml',
        '+++ b/prompts/support.prompt.yaml',
        '@@ -4,6 +4,7 @@',
        '   - role: system',
        '     content: |',
        '       You are the support assistant for Acme Outfitters.',
        '+      Refunds: customers may return items within 30 days.',
      ].join('\n'),
    );
    expect(result.stdout).toContain(
      [
        'test                      before      after       verdict',
        'refund window (targeted)  failed 0/8  passed 8/8  improvement (p < 0.001)',
        'greeting                  passed 4/4  passed 4/4  unchanged',
        'shipping                  passed 4/4  passed 4/4  unchanged',
      ].join('\n'),
    );
    expect(result.stdout).toContain('Assertion to add under test "refund window" (it passes 0/8 samples before the edit and 8/8 after):\n  - icontains: 30 days');
    // Before: 3 tests × 4 samples; the editor; the edited copy 3 × 4, and refund window's second look, 4 a side.
    expect(result.stdout).toMatch(/Spent 33 model calls, [\d.]+m?s, [\d,]+ tokens\./);
    expect(result.stdout).toContain('Run again with --apply to write it to prompts/support.prompt.yaml.');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('with --apply writes the verified file, and no other file', async () => {
    const dir = await project();
    const before = await snapshot(dir);
    const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', '[fix] refunds', '--apply', '--no-cache', ...EDITOR]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Applied to prompts/support.prompt.yaml.');
    expect(await readFile(join(dir, SUPPORT_FILE), 'utf8')).toBe(MINIMAL_FIX_TEXT);
    const after = await snapshot(dir);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after[OTHER_FILE]).toBe(before[OTHER_FILE]);
    // Progress goes to stderr, so stdout stays the report.
    expect(result.stderr).toContain('promptgate: checking candidate 1 of 1…');
  });

  it('exits 1 and writes nothing when no candidate is verified, even with --apply', async () => {
    const dir = await project();
    const before = await snapshot(dir);
    const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', '[no-fix] refunds', '--apply', '--no-cache', '-q', ...EDITOR]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ No candidate passed verification for prompts/support.prompt.yaml; nothing was suggested.');
    expect(result.stdout).toContain(
      'candidate 1: targeted test "refund window" still fails: 0/4 → 0/4 (unchanged): expected output to contain "30 days", got "Please contact our team."',
    );
    expect(result.stdout).toContain('Closest attempt, candidate 1 — NOT verified:');
    expect(result.stdout).toContain('Nothing was written to prompts/support.prompt.yaml.');
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses an edit that stops sending the tests\' input, with the reason, and writes nothing even with --apply', async () => {
    const dir = await project();
    const before = await snapshot(dir);
    const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', '[canned] refunds', '--apply', '--no-cache', '-q', ...EDITOR]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ No candidate passed verification for prompts/support.prompt.yaml; nothing was suggested.');
    expect(result.stdout).toContain(
      "candidate 1: the edit stops using {{question}}, which the tests set: the prompt would no longer see the tests' inputs, so passing them would prove nothing; keep it in the messages",
    );
    expect(result.stdout).not.toContain('Verified edit');
    expect(await snapshot(dir)).toEqual(before);
  });

  it("the README's example: an edit that only breaks nothing is not called verified, exits 1 and is not applied", async () => {
    const dir = await project();
    await writeFile(join(dir, README_FILE), README_PROMPT);
    const before = await snapshot(dir);
    const args = ['suggest', README_FILE, '--critique', README_CRITIQUE, '--test', 'refund window', '--apply', '--no-cache', '-q'];
    const result = await suggest(dir, [...args, '--editor-model', 'editor-brief']);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('Verified');
    expect(result.stdout).toContain(
      [
        '⚠ No edit for prompts/support-reply.prompt.yaml is shown to address the critique; nothing was suggested. Candidate 1 of 1 breaks no test, side by side with the file as it is:',
        '  targeted test "refund window": 4/4 → 8/8 (it passed before; after the edit it passes all 8 samples; unchanged)',
        '  no regression among 1 other test (≥ 4 samples a side)',
        '  not shown to address the critique: targeted test "refund window" passed before the edit, so its passing after it shows only that nothing broke, ' +
          'and the candidate proposed no assertion that captures the critique',
      ].join('\n'),
    );
    expect(result.stdout).toContain('+      Be brief.');
    expect(result.stdout).toContain('Nothing was written to prompts/support-reply.prompt.yaml.');
    expect(await snapshot(dir)).toEqual(before);

    // With an assertion that fails before and passes after, the critique is tested, and the edit verified and applied.
    const tested = await suggest(dir, [...args, '--editor-model', 'editor-refund']);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain(
      '  the critique: the proposed assertion { icontains: refund } fails before and passes after the edit on "refund window": 0/8 → 8/8 (improvement, p < 0.001)',
    );
    expect(tested.stdout).toContain('Applied to prompts/support-reply.prompt.yaml.');
    expect(await readFile(join(dir, README_FILE), 'utf8')).toContain('state the refund policy');
  });

  it('exits 1 when the editor answers garbage', async () => {
    const dir = await project();
    const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', '[garbage] refunds', '--no-cache', '-q', ...EDITOR]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^✗ Could not suggest an edit to prompts\/support\.prompt\.yaml: the editor's answer is not JSON/);
  });

  it('exits 1 when --max-calls leaves nothing for the candidates, having sent no more than that', async () => {
    const dir = await project();
    // 3 tests × 4 samples and the editor.
    const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', '[fix] refunds', '--max-calls', '13', '--no-cache', '-q', ...EDITOR]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the budget of 13 model calls is used up before any candidate could be checked');
    expect(server.stats.requests).toBe(13);
  });

  it('passes --test and --lines to the editor, and caches answers on disk by default', async () => {
    const dir = await project();
    const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', '[fix] refunds', '-t', 'refund window', '--lines', '6-7', '-q', ...EDITOR]);
    expect(result.code).toBe(0);
    const editorRequest = server.requests.find((request) => request.body.model === 'editor-model')!;
    expect(editorRequest.lastUserMessage).toContain(
      'The reviewer commented on lines 6-7:\n6 |       You are the support assistant for Acme Outfitters.\n7 |       Answer in one short sentence.',
    );
    expect(Object.keys(await snapshot(dir))).toContainEqual(expect.toStartWith(join('.promptgate', 'cache')));
  });

  it('exits 2 for usage mistakes and invalid files, before any model call', async () => {
    const dir = await project();
    await writeFile(join(dir, 'prompts/bad.prompt.yaml'), 'model: m\nmessages: [\n');
    const cases: [string[], string][] = [
      [['suggest', SUPPORT_FILE], 'promptgate: suggest needs --critique "what is wrong with the prompt", in plain words\n'],
      [['suggest', '--critique', 'x'], 'promptgate: suggest takes exactly one prompt file; got none. Usage: promptgate suggest <file> --critique "..."\n'],
      [['suggest', 'prompts/missing.prompt.yaml', '--critique', 'x'], 'promptgate: cannot read prompts/missing.prompt.yaml (ENOENT)\n'],
      [['suggest', 'prompts', '--critique', 'x'], 'promptgate: cannot read prompts (EISDIR): suggest edits one prompt file, not a directory\n'],
      [['suggest', SUPPORT_FILE, '--critique', 'x', '--candidates', '0'], 'promptgate: --candidates takes a whole number from 1 to 10; got "0"\n'],
      [['suggest', SUPPORT_FILE, '--critique', 'x', '--lines', '9-3'], 'promptgate: --lines takes a line or a range such as 12-18; got "9-3"\n'],
      [['run', SUPPORT_FILE, '--critique', 'x'], 'promptgate: --critique is an option of `promptgate suggest`, not of `promptgate run`\n'],
      [['suggest', SUPPORT_FILE, '--critique', 'x', '-t', 'nope'], expect.stringContaining('has no test named "nope"') as unknown as string],
    ];
    for (const [args, stderr] of cases) {
      const result = await suggest(dir, args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 2, stderr });
    }
    const invalid = await suggest(dir, ['suggest', 'prompts/bad.prompt.yaml', '--critique', 'x', '-q']);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^✗ Could not suggest an edit to prompts\/bad\.prompt\.yaml: prompts\/bad\.prompt\.yaml:\d+:\d+: YAML syntax error/);
    expect(server.stats.requests).toBe(0);
  });

  it('exits 3 when the model cannot be reached', async () => {
    const locked = await startModelServer({ apiKey: 'the-right-key' });
    try {
      const dir = await project();
      const result = await suggest(dir, ['suggest', SUPPORT_FILE, '--critique', 'x', '--no-cache', '-q'], { OPENAI_BASE_URL: locked.url });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/the model could not be reached for test "refund window": .*answered 401/);
      expect(result.stderr).not.toContain('sk-test');
    } finally {
      await locked.close();
    }
  });

  it('documents itself in the help', async () => {
    const result = await suggest(repoRoot, ['help', 'suggest']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: promptgate suggest <file> --critique "\.\.\." \[--test NAME \.\.\.\] \[options\]/);
    expect((await suggest(repoRoot, ['--help'])).stdout).toContain('promptgate suggest <file> --critique "…"');
  });
});

describe('promptgate suggest from a bundle', () => {
  it('finds the editor prompt next to dist/, as in the committed bundle and the installed package', async () => {
    // A bundle built like dist/cli.js, in a folder laid out like the package: <root>/dist/cli.js and <root>/prompts/promptgate/.
    const root = await mkdtemp(join(tmpdir(), 'promptgate-bundle-'));
    await build({
      entryPoints: [join(repoRoot, 'src/cli.ts')],
      outfile: join(root, 'dist/cli.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      banner: { js: "import { createRequire as __pgCreateRequire } from 'node:module'; const require = __pgCreateRequire(import.meta.url);" },
    });
    await cp(join(repoRoot, 'prompts/promptgate'), join(root, 'prompts/promptgate'), { recursive: true });
    const dir = await project();
    const env = { PATH: process.env.PATH ?? '', OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test' };
    const result = await new Promise<CliResult>((done) => {
      const args = [join(root, 'dist/cli.js'), 'suggest', SUPPORT_FILE, '--critique', '[fix] refunds', '--no-cache', '-q', ...EDITOR];
      execFile(process.execPath, args, { cwd: dir, env }, (error, stdout, stderr) => done({ code: error ? Number(error.code) : 0, stdout, stderr }));
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ Verified edit for prompts/support.prompt.yaml');
  });
});
