// Corporate networks: the built CLI sends its model calls through the proxy HTTPS_PROXY (https://
// endpoints, CONNECT) or HTTP_PROXY (http:// endpoints, forwarding) names, straight to the hosts
// NO_PROXY lists, and never shows the proxy's password. A real proxy on 127.0.0.1 stands in front
// of the model double; the https:// double's certificate is trusted through NODE_EXTRA_CA_CERTS.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startModelServer, type ModelServer } from '../support/model-server.js';
import { startProxyServer, type ProxyServer } from '../support/proxy-server.js';
import { TEST_CERT_PATH, testTls } from '../support/tls.js';
import { runCli, scratchProject, type CliResult } from './run-cli.js';

const API_KEY = 'sk-proxy-test-5d2c8e1f7a9b3046';
const SUITE = `name: Through the proxy
model: test-model
messages:
  - role: user
    content: "{{question}}"
tests:
  - name: answers
    vars: { question: How long do refunds take? }
    assert:
      - contains: "30 days"
`;

let model: ModelServer | undefined;
let proxy: ProxyServer | undefined;
let project: string | undefined;
afterEach(async () => {
  await Promise.all([model?.close(), proxy?.close(), project ? rm(project, { recursive: true, force: true }) : undefined]);
  model = proxy = project = undefined;
});

async function setUp(options: { https: boolean; credentials?: string }): Promise<void> {
  model = await startModelServer({ apiKey: API_KEY, defaultReply: 'Refunds take 30 days.', ...(options.https ? { tls: testTls() } : {}) });
  proxy = await startProxyServer(options.credentials === undefined ? {} : { credentials: options.credentials });
  project = await scratchProject();
  await writeFile(join(project, 'suite.prompt.yaml'), SUITE);
}

function run(env: Record<string, string>, extra: string[] = []): Promise<CliResult> {
  return runCli(['run', 'suite.prompt.yaml', '--no-cache', '--base-url', model!.url, ...extra], {
    cwd: project!,
    env: { OPENAI_API_KEY: API_KEY, NODE_EXTRA_CA_CERTS: TEST_CERT_PATH, ...env },
  });
}

const chatCalls = () => model!.requests.filter((request) => request.kind === 'chat').length;
const modelHost = () => new URL(model!.url).host;

describe('HTTPS_PROXY: https:// endpoints are reached through a CONNECT tunnel', () => {
  it('tunnels every call through the proxy, and the run passes', async () => {
    await setUp({ https: true });
    const result = await run({ HTTPS_PROXY: proxy!.url });
    expect(result.stderr + result.stdout).toMatch(/1 passed/);
    expect(result.code).toBe(0);
    expect(chatCalls()).toBe(1);
    expect(proxy!.requests).toEqual([{ method: 'CONNECT', target: modelHost() }]);
  });

  it('reads the lower-case https_proxy too', async () => {
    await setUp({ https: true });
    const result = await run({ https_proxy: proxy!.url });
    expect(result.code).toBe(0);
    expect(proxy!.requests.map((request) => request.method)).toEqual(['CONNECT']);
  });

  it('sends the user and password of the proxy URL as Proxy-Authorization, and prints neither', async () => {
    await setUp({ https: true, credentials: 'alice:s3cret-proxy-pw' });
    const { host } = new URL(proxy!.url);
    const result = await run({ HTTPS_PROXY: `http://alice:s3cret-proxy-pw@${host}` });
    expect(result.code).toBe(0);
    expect(proxy!.requests).toEqual([{ method: 'CONNECT', target: modelHost(), proxyAuthorization: `Basic ${Buffer.from('alice:s3cret-proxy-pw').toString('base64')}` }]);
    expect(result.stdout + result.stderr).not.toContain('s3cret-proxy-pw');
  });

  it('is not used for an http:// endpoint, which HTTP_PROXY governs', async () => {
    await setUp({ https: false });
    const result = await run({ HTTPS_PROXY: proxy!.url });
    expect(result.code).toBe(0);
    expect(chatCalls()).toBe(1);
    expect(proxy!.requests).toEqual([]);
  });
});

describe('HTTP_PROXY: http:// endpoints are reached by forwarding', () => {
  it('forwards every call to the endpoint by its absolute URL', async () => {
    await setUp({ https: false });
    const result = await run({ HTTP_PROXY: proxy!.url });
    expect(result.code).toBe(0);
    expect(chatCalls()).toBe(1);
    expect(proxy!.requests).toEqual([{ method: 'POST', target: `${model!.url}/chat/completions` }]);
  });
});

describe('NO_PROXY: hosts reached directly', () => {
  it.each([
    ['the host', '127.0.0.1'],
    ['the host and its port, among others', 'intranet.example.com, 127.0.0.1:PORT'],
    ['every host', '*'],
  ])('bypasses the proxy for %s', async (_what, noProxy) => {
    await setUp({ https: true });
    const result = await run({ HTTPS_PROXY: proxy!.url, HTTP_PROXY: proxy!.url, NO_PROXY: noProxy.replace('PORT', new URL(model!.url).port) });
    expect(result.code).toBe(0);
    expect(chatCalls()).toBe(1);
    expect(proxy!.requests).toEqual([]);
  });

  it('still uses the proxy when the entry names another port of the host', async () => {
    await setUp({ https: true });
    const result = await run({ HTTPS_PROXY: proxy!.url, no_proxy: '127.0.0.1:1' });
    expect(result.code).toBe(0);
    expect(proxy!.requests.map((request) => request.target)).toEqual([modelHost()]);
  });
});

describe('a proxy that cannot be used', () => {
  it('refuses a SOCKS proxy before any call, naming the variable but not its value', async () => {
    await setUp({ https: true });
    const result = await run({ HTTPS_PROXY: 'socks5://bob:hunter2-socks@127.0.0.1:1080' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/HTTPS_PROXY names a socks5 proxy; promptgate goes through http:\/\/ and https:\/\/ proxies only/);
    expect(result.stderr).not.toContain('hunter2-socks');
    expect(chatCalls()).toBe(0);
  });

  it('says what to do when the proxy asks for a user and password', async () => {
    await setUp({ https: true, credentials: 'alice:s3cret-proxy-pw' });
    const result = await run({ HTTPS_PROXY: proxy!.url });
    expect(result.stdout + result.stderr).toMatch(/answered 407: .* — the proxy asks for a user and password: put them in HTTPS_PROXY \(or HTTP_PROXY\) as http:\/\/user:password@host:port/);
    expect(result.code).toBe(3);
    expect(chatCalls()).toBe(0);
  });

  it('says the proxy, not the endpoint, could not be reached, without its password', async () => {
    await setUp({ https: true });
    const { host } = new URL(proxy!.url);
    await proxy!.close();
    const result = await run({ HTTPS_PROXY: `http://alice:s3cret-proxy-pw@${host}` }, ['--max-retry-time', '0']);
    expect(result.code).toBe(3);
    expect(result.stdout + result.stderr).toMatch(new RegExp(`ECONNREFUSED[^\\n]*through the proxy http://${host.replace(/\./g, '\\.')}`));
    expect(result.stdout + result.stderr).not.toContain('s3cret-proxy-pw');
    expect(chatCalls()).toBe(0);
  });
});
