// A second, leaner floor: the same requests through node:http with a keep-alive agent, which
// costs about a quarter of fetch's CPU per request. promptgate's transport is built the same way.
//   node bare-http-client.mjs URL COUNT CONCURRENCY
import { Agent, request } from 'node:http';

const [url, countText, concurrencyText] = process.argv.slice(2);
if (!url) throw new Error('usage: bare-http-client URL COUNT CONCURRENCY');
const count = Number(countText);
const concurrency = Number(concurrencyText);
const agent = new Agent({ keepAlive: true });

function post(body: string): Promise<{ choices: { message: { content: string } }[] }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url!,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', authorization: 'Bearer bench', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        response.once('error', reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

let next = 0;
async function worker(): Promise<void> {
  while (next < count) {
    const index = next++;
    const body = await post(JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: `question number ${index}` }] }));
    if (!body.choices[0]?.message.content.includes(`number ${index}`)) throw new Error(`unexpected answer for ${index}`);
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
