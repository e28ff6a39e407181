// An HTTP proxy on 127.0.0.1, as a corporate network puts in front of the internet: it tunnels
// CONNECT requests (how https:// goes through a proxy) and forwards absolute-form requests (how
// http:// does), and records every request that went through it. Optionally it asks for a
// user and password (407) as authenticating proxies do.
import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ProxiedRequest {
  /** CONNECT, or the forwarded request's method. */
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  /** The Proxy-Authorization header as received. */
  proxyAuthorization?: string;
}

export interface ProxyServer {
  /** `http://127.0.0.1:PORT`, ready for HTTPS_PROXY or HTTP_PROXY. */
  readonly url: string;
  readonly requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** `credentials`: `user:password` the proxy requires (Basic), or none. */
export async function startProxyServer(options: { credentials?: string } = {}): Promise<ProxyServer> {
  const requests: ProxiedRequest[] = [];
  const tunnels = new Set<Socket>();
  const expected = options.credentials === undefined ? undefined : `Basic ${Buffer.from(options.credentials).toString('base64')}`;
  const record = (req: IncomingMessage): boolean => {
    const proxyAuthorization = req.headers['proxy-authorization'];
    requests.push({ method: req.method ?? '', target: req.url ?? '', ...(proxyAuthorization === undefined ? {} : { proxyAuthorization }) });
    return expected === undefined || proxyAuthorization === expected;
  };

  const server = createServer((req, res) => {
    if (!record(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test proxy"', 'content-type': 'text/plain' }).end('proxy authentication required');
      return;
    }
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.once('error', () => res.writeHead(502).end('bad gateway'));
    req.pipe(upstream);
  });

  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnels.add(client);
    client.once('close', () => tunnels.delete(client));
    client.on('error', () => client.destroy());
    if (!record(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test proxy"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = splitHostPort(req.url ?? '');
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(upstream);
    upstream.once('close', () => (tunnels.delete(upstream), client.destroy()));
    upstream.on('error', () => client.destroy());
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close() {
      for (const socket of tunnels) socket.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function splitHostPort(target: string): [string, number] {
  const colon = target.lastIndexOf(':');
  return [target.slice(0, colon).replace(/^\[|\]$/g, ''), Number(target.slice(colon + 1))];
}
