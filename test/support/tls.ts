// The test certificate for doubles that serve https:// (test/fixtures/tls/README.md). A child
// process trusts it through NODE_EXTRA_CA_CERTS=TEST_CERT_PATH; nothing else does.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const dir = resolve(import.meta.dirname, '../fixtures/tls');

export const TEST_CERT_PATH = resolve(dir, 'localhost.crt');

export function testTls(): { key: string; cert: string } {
  return { key: readFileSync(resolve(dir, 'localhost.key'), 'utf8'), cert: readFileSync(TEST_CERT_PATH, 'utf8') };
}
