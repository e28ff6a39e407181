// git for the tests of `run --against`: real repositories in temporary directories, made without
// the developer's own git configuration (no signing, no hooks, no identity needed).
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

/** The environment git runs in for a repository at `root`; stops git from finding a repository above it. */
export function gitEnv(root: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: root, GIT_CEILING_DIRECTORIES: dirname(root), GIT_CONFIG_NOSYSTEM: '1' };
}

/** Runs git in `cwd` (inside the repository at `root`); its output, trimmed. */
export function git(root: string, cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=promptgate', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], {
    cwd,
    env: gitEnv(root),
    encoding: 'utf8',
  }).trim();
}
