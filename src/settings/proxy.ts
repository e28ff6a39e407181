// The network's HTTP(S) proxy, from the environment as curl and npm read it: https_proxy for https://
// endpoints, http_proxy for http:// ones, no_proxy for the hosts reached directly; the lower-case
// name first, then the upper-case one. ALL_PROXY is not read: it is often a SOCKS proxy, which the
// proxy agents cannot use, and a run that went direct before should not start failing for it.
import type { ProxySettings } from '../provider/proxy.js';
import { nonEmpty } from './endpoint.js';

export type ResolvedProxy = { ok: true; proxy?: ProxySettings } | { ok: false; problem: string };

export function proxySettingsOf(env: NodeJS.ProcessEnv): ResolvedProxy {
  const proxy: ProxySettings = {};
  for (const [field, name] of [['httpsProxy', 'https_proxy'], ['httpProxy', 'http_proxy']] as const) {
    const variable = nonEmpty(env[name]) !== undefined ? name : name.toUpperCase();
    const value = nonEmpty(env[variable]);
    if (value === undefined) continue;
    const url = proxyUrl(value);
    if (typeof url !== 'string') return { ok: false, problem: `${variable} ${url.problem}` };
    proxy[field] = url;
  }
  if (proxy.httpsProxy === undefined && proxy.httpProxy === undefined) return { ok: true };
  const noProxy = nonEmpty(env.no_proxy) ?? nonEmpty(env.NO_PROXY);
  if (noProxy !== undefined) proxy.noProxy = noProxy;
  return { ok: true, proxy };
}

/**
 * The proxy's URL, `host:port` taken as http:// as curl takes it. The value is never quoted in a
 * problem: a proxy URL may carry a user and password.
 */
function proxyUrl(value: string): string | { problem: string } {
  const url = value.includes('://') ? value.trim() : `http://${value.trim()}`;
  const example = 'expected a proxy URL such as http://proxy.example.com:3128';
  if (!URL.canParse(url) || new URL(url).hostname === '') return { problem: `is not a proxy URL; ${example}` };
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') {
    return { problem: `names a ${protocol.slice(0, -1)} proxy; promptgate goes through http:// and https:// proxies only (${example})` };
  }
  return url;
}
