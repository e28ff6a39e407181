// The scripted model server in a process of its own, as every benchmark runs it: a workload's
// client and the server must not share one event loop, or the server's work would be billed to
// the client.
import { spawn } from 'node:child_process';

/** Starts `serverScript` with `args`; resolves once it prints the URL it listens on. */
export async function startServer(serverScript, args, { stderr = 'inherit' } = {}) {
  const child = spawn(process.execPath, [serverScript, ...args], { stdio: ['ignore', 'pipe', stderr] });
  const url = await new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /listening (\S+)/.exec(buffer);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`model server exited with ${code}`)));
  });
  return {
    url,
    stats: async () => (await fetch(`${url}/__stats`)).json(),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}
