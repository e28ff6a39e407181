// Stands in for the `debug` package in the bundles (scripts/build.mjs). The proxy agents log through
// it when DEBUG names them, and http-proxy-agent's log holds the request's headers, the API key
// among them: promptgate's output never carries a key, so the bundles leave that log out.
export default function createDebug() {
  const log = () => {};
  log.enabled = false;
  return log;
}
