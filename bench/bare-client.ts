// The floor promptgate is measured against: the same chat requests, at the same concurrency,
// through Node's own fetch with nothing else around them.
//   node bare-client.mjs URL COUNT CONCURRENCY
const [url, countText, concurrencyText] = process.argv.slice(2);
if (!url) throw new Error('usage: bare-client URL COUNT CONCURRENCY');
const count = Number(countText);
const concurrency = Number(concurrencyText);

let next = 0;
async function worker(): Promise<void> {
  while (next < count) {
    const index = next++;
    const response = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
      body: JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: `question number ${index}` }] }),
    });
    const body = (await response.json()) as { choices: { message: { content: string } }[] };
    if (!body.choices[0]?.message.content.includes(`number ${index}`)) throw new Error(`unexpected answer for ${index}`);
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
