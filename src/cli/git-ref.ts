// Files as they were at a git ref, for `promptgate run --against <ref>`: read from the repository's
// objects with git itself (execFile, never a shell), so nothing is checked out and the working
// tree stays as it is. Every answer is a value; the caller decides what a missing file means.
import { execFile } from 'node:child_process';
import { posix, relative, resolve, sep } from 'node:path';

/** A commit the ref named, and how to show it: `main (1a2b3c4)`, or `1a2b3c4` for a hash. */
export interface ResolvedRef {
  ref: string;
  commit: string;
  label: string;
}

export type RefLookup = { ok: true; at: ResolvedRef; prefix: string } | { ok: false; message: string };

/** One file at the commit: its bytes, absent there, or present as something that is not a file. */
export type FileAtRef = { kind: 'bytes'; bytes: Buffer } | { kind: 'absent' } | { kind: 'unusable'; reason: string };

/** Each file asked for, or why git could not read them (a damaged repository, a git that was stopped). */
export type FilesAtRef = { ok: true; files: Map<string, FileAtRef> } | { ok: false; message: string };

// Generous: a repository on a network drive can be slow, and a hung git must not hang the run.
const GIT_TIMEOUT_MS = 120_000;
const SHORT_HASH = 7;

/** Why `ref` cannot be handed to git, or undefined when it can. */
export function refProblem(ref: string): string | undefined {
  if (ref.trim() === '') return '--against takes a git ref (a branch, a tag or a commit); got an empty value';
  // git reads an argument that starts with "-" as an option, whatever position it is in.
  if (ref.startsWith('-')) return `--against takes a git ref (a branch, a tag or a commit); "${ref}" starts with "-", which git would read as an option`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(ref)) return '--against takes a git ref (a branch, a tag or a commit); this one holds a control character';
  return undefined;
}

/**
 * The commit `ref` names in the repository `cwd` is in. Fails with a message for the user when git
 * is missing, `cwd` is outside a repository, or no commit has that name.
 */
export async function resolveRef(cwd: string, ref: string, env: NodeJS.ProcessEnv): Promise<RefLookup> {
  const invalid = refProblem(ref);
  if (invalid) return { ok: false, message: invalid };
  const located = await git({ cwd, env }, ['rev-parse', '--show-prefix']);
  if (!located.ok) {
    const why = located.missing ? 'git is not installed (or not on PATH)' : `git cannot use this directory as a repository (${firstLine(located.stderr)})`;
    return { ok: false, message: `--against ${ref}: ${why}; --against compares with a commit of the git repository you run promptgate in` };
  }
  // `^{commit}`: a tag is followed to its commit, and a tree or a blob is not taken for one.
  const commit = await git({ cwd, env }, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  const hash = commit.ok ? commit.stdout.toString('utf8').trim() : '';
  if (!/^[0-9a-f]{40,64}$/.test(hash)) {
    return {
      ok: false,
      message: `--against ${ref}: no commit of that name in this repository; give a branch, a tag or a commit (a branch only on the remote needs \`git fetch\` first, and a shallow clone may not have it)`,
    };
  }
  const short = hash.slice(0, SHORT_HASH);
  // A ref that is the hash (or its start) would only repeat it; a branch may happen to be hex ("cafe") too, hence the length.
  const isHash = ref.length >= SHORT_HASH && hash.startsWith(ref);
  return { ok: true, at: { ref, commit: hash, label: isHash ? short : `${ref} (${short})` }, prefix: located.stdout.toString('utf8').trim() };
}

/**
 * `files` (relative to `cwd`) as they are at `commit`. `prefix` is where `cwd` sits in the
 * repository (resolveRef's `prefix`). Two git calls whatever the number of files: one asks what
 * each path is, one reads the files' contents.
 */
export async function readFilesAtRef(
  where: { cwd: string; env: NodeJS.ProcessEnv },
  at: { commit: string; prefix: string },
  files: readonly string[],
): Promise<FilesAtRef> {
  const { cwd } = where;
  const found = new Map<string, FileAtRef>();
  const asked: { file: string; spec: string }[] = [];
  for (const file of files) {
    const path = posix.normalize(at.prefix + relative(cwd, resolve(cwd, file)).split(sep).join('/'));
    if (path === '..' || path.startsWith('../')) found.set(file, { kind: 'unusable', reason: 'it is outside the git repository' });
    // The batch protocol is one object name a line.
    else if (/[\r\n]/.test(path)) found.set(file, { kind: 'unusable', reason: 'its name holds a line break, which git cannot be asked about here' });
    else asked.push({ file, spec: `${at.commit}:${path}` });
  }
  if (asked.length === 0) return { ok: true, files: found };

  const questions = asked.map(({ spec }) => `${spec}\n`).join('');
  // An answer is at most the question and a word longer ("<spec> missing"), or a hash, a type and a size.
  const check = await git(where, ['cat-file', '--batch-check'], questions, 2 * Buffer.byteLength(questions) + 128 * asked.length);
  if (!check.ok) return { ok: false, message: `git cat-file --batch-check failed: ${firstLine(check.stderr)}` };
  const kinds = check.stdout.toString('utf8').split('\n');
  const blobs: { file: string; oid: string; size: number }[] = [];
  asked.forEach(({ file }, index) => {
    const [oid = '', type = 'missing', size = '0'] = kinds[index]!.endsWith(' missing') ? ['', 'missing'] : kinds[index]!.split(' ');
    if (type === 'blob') blobs.push({ file, oid, size: Number(size) });
    else if (type === 'missing') found.set(file, { kind: 'absent' });
    else found.set(file, { kind: 'unusable', reason: type === 'tree' ? 'it is a directory there' : `it is a ${type} there, not a file` });
  });
  if (blobs.length === 0) return { ok: true, files: found };

  // Each object comes back as "<oid> blob <size>\n<bytes>\n": the buffer is sized to hold exactly that.
  const expected = blobs.reduce((sum, blob) => sum + blob.oid.length + blob.size + 32, 0);
  const read = await git(where, ['cat-file', '--batch'], blobs.map(({ oid }) => `${oid}\n`).join(''), expected);
  if (!read.ok) return { ok: false, message: `git cat-file --batch failed: ${firstLine(read.stderr)}` };
  let offset = 0;
  for (const blob of blobs) {
    const headerEnd = read.stdout.indexOf(0x0a, offset);
    if (headerEnd < 0 || !read.stdout.subarray(offset, headerEnd).toString('latin1').startsWith(`${blob.oid} blob `)) {
      return { ok: false, message: 'git cat-file --batch answered something other than the files asked for' };
    }
    offset = headerEnd + 1;
    found.set(blob.file, { kind: 'bytes', bytes: read.stdout.subarray(offset, offset + blob.size) });
    offset += blob.size + 1;
  }
  return { ok: true, files: found };
}

type GitResult = { ok: true; stdout: Buffer } | { ok: false; missing: boolean; stderr: string };

/** `env` is the command's own environment: it says where git is (PATH) and which repository (GIT_DIR). */
function git(where: { cwd: string; env: NodeJS.ProcessEnv }, args: string[], input?: string, maxBuffer = 1024 * 1024): Promise<GitResult> {
  return new Promise((done) => {
    const child = execFile(
      'git',
      args,
      // No pager, no prompt for credentials, messages in English (they are passed on to the user as they are).
      { cwd: where.cwd, encoding: 'buffer', maxBuffer, timeout: GIT_TIMEOUT_MS, windowsHide: true, env: { ...where.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        if (!error) return done({ ok: true, stdout });
        const code = (error as NodeJS.ErrnoException).code;
        done({ ok: false, missing: code === 'ENOENT', stderr: stderr.length > 0 ? stderr.toString('utf8') : error.message });
      },
    );
    // A git that exits before reading its input closes the pipe; its exit status says why.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input ?? '');
  });
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]!.replace(/^fatal: /, '');
}
