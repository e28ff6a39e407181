// Which requests skip the proxy (NO_PROXY, as curl reads it) and which variables name it.
import { describe, expect, it } from 'vitest';
import { bypassed } from '../../src/provider/proxy.js';
import { proxySettingsOf } from '../../src/settings/proxy.js';

describe('bypassed: NO_PROXY', () => {
  it.each([
    ['https://api.openai.com/v1', 'api.openai.com', true],
    ['https://API.OpenAI.com/v1', 'api.openai.com', true],
    ['https://api.openai.com/v1', 'openai.com', true], // a domain covers its subdomains
    ['https://api.openai.com/v1', '.openai.com', true],
    ['https://api.openai.com/v1', '*.openai.com', true],
    ['https://notopenai.com/v1', 'openai.com', false], // not a suffix of another name
    ['https://api.openai.com/v1', 'localhost, 127.0.0.1', false],
    ['http://127.0.0.1:11434/v1', 'localhost 127.0.0.1', true],
    ['http://127.0.0.1:11434/v1', '127.0.0.1:11434', true],
    ['http://127.0.0.1:11434/v1', '127.0.0.1:8000', false],
    ['https://api.openai.com/v1', 'api.openai.com:443', true], // the scheme's port when the URL has none
    ['http://[::1]:8000/v1', '::1', true],
    ['http://[::1]:8000/v1', '[::1]:8000', true],
    ['http://[::1]:8000/v1', '[::1]:9000', false],
    ['https://api.openai.com/v1', '*', true],
    ['https://api.openai.com/v1', ' , ', false],
  ])('%s with NO_PROXY=%j: %s', (url, noProxy, expected) => {
    expect(bypassed(new URL(url), noProxy)).toBe(expected);
  });

  it('proxies everything when NO_PROXY is unset', () => {
    expect(bypassed(new URL('http://127.0.0.1/v1'), undefined)).toBe(false);
  });
});

describe('proxySettingsOf: the proxy variables', () => {
  it('reads nothing when no proxy is set, even with NO_PROXY', () => {
    expect(proxySettingsOf({ NO_PROXY: 'localhost', ALL_PROXY: 'socks5://127.0.0.1:1080' })).toEqual({ ok: true });
  });

  it('prefers the lower-case name, and takes host:port as http://', () => {
    expect(proxySettingsOf({ https_proxy: 'proxy.corp:3128', HTTPS_PROXY: 'http://other:1', HTTP_PROXY: 'http://plain.corp:8080', no_proxy: '.corp', NO_PROXY: 'x' })).toEqual({
      ok: true,
      proxy: { httpsProxy: 'http://proxy.corp:3128', httpProxy: 'http://plain.corp:8080', noProxy: '.corp' },
    });
  });

  it('treats an empty variable as unset', () => {
    expect(proxySettingsOf({ https_proxy: '', HTTPS_PROXY: 'https://proxy.corp:443' })).toEqual({ ok: true, proxy: { httpsProxy: 'https://proxy.corp:443' } });
  });

  it.each([
    ['socks5://user:pw-socks@proxy.corp:1080', /^HTTPS_PROXY names a socks5 proxy; promptgate goes through http:\/\/ and https:\/\/ proxies only/],
    ['http://', /^HTTPS_PROXY is not a proxy URL; expected a proxy URL such as http:\/\/proxy.example.com:3128$/],
    ['http://pw@proxy corp:3128', /^HTTPS_PROXY is not a proxy URL/],
  ])('refuses HTTPS_PROXY=%s without quoting it', (value, message) => {
    const resolved = proxySettingsOf({ HTTPS_PROXY: value });
    expect(resolved).toEqual({ ok: false, problem: expect.stringMatching(message) });
    if (!resolved.ok) expect(resolved.problem).not.toContain('pw');
  });
});
