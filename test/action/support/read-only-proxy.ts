// Stands between the Action and the GitHub double like a read-only token does on GitHub (a fork's
// GITHUB_TOKEN, or a job without `pull-requests: write`): reads pass through, every write gets
// GitHub's 403 "Resource not accessible by integration".
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReadOnlyProxy {
  url: string;
  /** Writes refused, as `METHOD /path`. */
  refused: string[];
  close(): Promise<void>;
}

export async function startReadOnlyProxy(targetUrl: string): Promise<ReadOnlyProxy> {
  const target = new URL(targetUrl);
  const refused: string[] = [];
  const server = createServer((incoming, outgoing) => {
    if (incoming.method !== 'GET' && incoming.method !== 'HEAD') {
      refused.push(`${incoming.method} ${incoming.url}`);
      incoming.resume();
      const body = JSON.stringify({
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
        status: '403',
      });
      outgoing.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      return;
    }
    const upstream = forward(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', (error) => outgoing.destroy(error));
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
