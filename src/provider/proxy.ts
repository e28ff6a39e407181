// Corporate networks: requests go through the HTTP(S) proxy that HTTPS_PROXY and HTTP_PROXY name,
// except to the hosts NO_PROXY lists. The tunnelling (CONNECT for https) and forwarding (absolute
// URLs for http) are https-proxy-agent's and http-proxy-agent's; this only picks the agent for a URL.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';

/** The proxy variables as an edge resolved them (settings/proxy.ts); absent ones mean no proxy. */
export interface ProxySettings {
  /** For https:// endpoints (HTTPS_PROXY). */
  httpsProxy?: string;
  /** For http:// endpoints (HTTP_PROXY). */
  httpProxy?: string;
  /** NO_PROXY: hosts reached directly, comma- or space-separated. */
  noProxy?: string;
}

export interface AgentChoice {
  agent: HttpAgent;
  /** The proxy's origin, without credentials: said in network errors, which are otherwise about the endpoint. */
  via?: string;
}

/** One keep-alive agent per protocol, and per proxy. The runner bounds how many requests are in flight, so no socket cap here. */
export function agentChooser(proxy: ProxySettings = {}): (url: URL) => AgentChoice {
  const direct = { 'http:': new HttpAgent({ keepAlive: true }), 'https:': new HttpsAgent({ keepAlive: true }) };
  const proxied = new Map<string, AgentChoice>();
  return (url) => {
    const https = url.protocol === 'https:';
    const proxyUrl = https ? proxy.httpsProxy : proxy.httpProxy;
    if (proxyUrl === undefined || bypassed(url, proxy.noProxy)) return { agent: https ? direct['https:'] : direct['http:'] };
    const key = `${url.protocol} ${proxyUrl}`;
    let choice = proxied.get(key);
    if (!choice) {
      const target = new URL(proxyUrl);
      const via = target.origin;
      const agent = https ? new HttpsProxyAgent(target, { keepAlive: true }) : new HttpProxyAgent(target, { keepAlive: true });
      proxied.set(key, (choice = { agent, via }));
    }
    return choice;
  };
}

/**
 * NO_PROXY as curl reads it: `*` for every host; otherwise entries of a host name or IP address,
 * optionally with `:port`, each matching that host and its subdomains (a leading `.` or `*.` is
 * the same). No CIDR ranges: list the addresses.
 */
export function bypassed(url: URL, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy.toLowerCase().split(/[\s,]+/)) {
    if (raw === '') continue;
    if (raw === '*') return true;
    // A bare IPv6 address has colons of its own; a port goes with the bracketed form, [::1]:8080.
    const entry = raw.indexOf(':') !== raw.lastIndexOf(':') && !raw.startsWith('[') ? [raw, raw] : /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(raw);
    if (!entry) continue;
    const [, name = '', entryPort] = entry;
    if (entryPort !== undefined && entryPort !== port) continue;
    const domain = name.replace(/^\[|\]$/g, '').replace(/^\*?\./, '');
    if (domain !== '' && (host === domain || host.endsWith(`.${domain}`))) return true;
  }
  return false;
}
