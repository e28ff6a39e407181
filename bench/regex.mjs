// What running `regex` patterns on RE2 (re2js) costs next to JavaScript's own engine, and what the
// worst a pattern from a pull request can do: time per assertion on realistic patterns and outputs,
// compile time, the slowest accepted pattern on a long output, and the bytes it adds to dist/cli.js.
//
//   node bench/regex.mjs          prints one JSON object
//
// It bundles promptgate's own src/assert/safe-regex.ts with esbuild, as bench/embeddings.mjs does,
// so what is measured is what ships. It needs the devDependencies only, not `npm run build`.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools/bench');
await mkdir(tools, { recursive: true });
const bundled = join(tools, 'safe-regex.mjs');
await build({
  stdin: {
    contents: "export * from './src/assert/safe-regex.ts'; export * from './src/assert/regex-syntax.ts'; export { RE2JS } from 're2js';",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundled,
  logLevel: 'warning',
});
const { compileSafeRegex, MAX_PROGRAM_SIZE, MAX_WORK, translateToRe2, RE2JS } = await import(pathToFileURL(bundled).href);

// Patterns as people write them in prompt files: [source, flags].
const PATTERNS = [
  ['\\b\\d{3}-\\d{4}\\b', ''],
  ['refund|return|exchange', 'i'],
  ['^\\s*\\{[\\s\\S]*\\}\\s*$', ''],
  ['[\\w.+-]+@[\\w-]+\\.[\\w.-]+', ''],
  ['\\bsorry\\b', 'i'],
  ['^(?:[A-Z][^.!?]*[.!?]\\s*){1,6}$', ''],
  ['^\\p{Lu}', 'u'],
  ['\\b(?:30|thirty) days\\b', ''],
  ['https?://\\S+', ''],
];

// Outputs of about 500 characters: a support reply, a JSON answer, a Markdown list.
const OUTPUTS = [
  'Thank you for reaching out about your order A-1042. You can return the hiking boots within 30 days of delivery for a full refund, ' +
    'as long as they are unworn and in their original box. To start a return, visit https://shop.example.com/returns and enter your ' +
    'order number; we will email a prepaid label to ada@example.com within one business day. Refunds go back to the original payment ' +
    'method five to seven days after the parcel reaches our warehouse. If you would rather exchange them for another size, say so. Call 555-1234.',
  JSON.stringify({
    orderId: 'A-1042',
    intent: 'refund',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '555-1234' },
    items: [{ sku: 'BOOT-42', name: 'Trail boots', size: 42, quantity: 1, price: 129.99 }],
    reason: 'The boots are a size too small and pinch at the toe after an hour of walking.',
    window: { days: 30, deliveredAt: '2024-05-02', eligible: true },
    next: 'Send a prepaid label and open an exchange for size 43 if it is in stock.',
  }),
  '- Returns are accepted within 30 days of delivery.\n- Items must be unworn, with tags and the original box.\n' +
    '- Sale items can be exchanged but not refunded.\n- Refunds take five to seven business days once the parcel arrives.\n' +
    '- Exchanges ship free within the country; abroad, the customer pays the shipping.\n- Gift cards are final sale.\n' +
    '- For help, email support@example.com or call 555-1234 on weekdays between nine and five.\n- Thank you for shopping with us!',
];

const EVALUATIONS = 2_000;
const ROUNDS = 7;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function compile(source, flags) {
  const compiled = compileSafeRegex(source, flags);
  if (!compiled.ok) throw new Error(`/${source}/${flags}: ${compiled.message}`);
  return compiled.value;
}

// --- time per assertion, realistic patterns -------------------------------------------------------

const compileStart = performance.now();
const re2 = PATTERNS.map(([source, flags]) => compile(source, flags));
const compileMsPerPattern = (performance.now() - compileStart) / PATTERNS.length;
const native = PATTERNS.map(([source, flags]) => new RegExp(source, flags));

// Both sides must agree before their speed means anything.
for (let p = 0; p < PATTERNS.length; p++) {
  for (const output of OUTPUTS) {
    native[p].lastIndex = 0;
    const expected = native[p].exec(output)?.[0];
    const actual = re2[p].firstMatch(output);
    if (expected !== actual) throw new Error(`/${PATTERNS[p][0]}/: JavaScript matched ${JSON.stringify(expected)}, RE2 ${JSON.stringify(actual)}`);
  }
}

let sink = 0;
/** What one evaluation costs, in µs: the median of ROUNDS rounds of EVALUATIONS, cycling the outputs. */
function microseconds(evaluate) {
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < EVALUATIONS; i++) sink += evaluate(OUTPUTS[i % OUTPUTS.length]);
    rounds.push(performance.now() - start);
  }
  return (median(rounds) * 1000) / EVALUATIONS;
}

const perPattern = PATTERNS.map(([source, flags], p) => {
  const nativeExec = (output) => {
    // What the regex assertion did before: reset lastIndex, exec, keep the match for the detail.
    native[p].lastIndex = 0;
    return native[p].exec(output)?.[0].length ?? 0;
  };
  // What the regex assertion does now: a passing regex or not-regex only asks whether there is a
  // match; a failing not-regex also locates it for the `matched "…"` detail.
  const re2Test = (output) => (re2[p].test(output) ? 1 : 0);
  const re2Locate = (output) => (re2[p].test(output) ? (re2[p].firstMatch(output)?.length ?? 0) : 0);
  for (const evaluate of [nativeExec, re2Test, re2Locate]) microseconds(evaluate); // warm-up
  const nativeUs = microseconds(nativeExec);
  const re2Us = microseconds(re2Test);
  const re2LocateUs = microseconds(re2Locate);
  return { pattern: `/${source}/${flags}`, nativeUs: round(nativeUs), re2Us: round(re2Us), re2WithMatchUs: round(re2LocateUs) };
});
const mean = (key) => perPattern.reduce((sum, row) => sum + row[key], 0) / perPattern.length;

// --- the worst a pattern can do -------------------------------------------------------------------

// Patterns built to defeat RE2's fast paths, each on the longest text MAX_WORK lets it run on (a
// text whose only match is at its end): the slowest evaluations promptgate accepts. The first makes
// RE2's DFA run out of states over and over; the second makes locating the match (the NFA) work hardest.
const ADVERSARIAL = [
  '(?:[a-d]{0,600}a[a-d]{20}|[a-d]{0,600}b[a-d]{20})x',
  `(?:${Array.from({ length: 30 }, (_, i) => `[abc]{0,${(i % 20) + 5}}d`).join('|')}){1,3}x`,
];
const worstCase = ADVERSARIAL.map((source) => {
  const start = performance.now();
  const regex = compile(source, '');
  const compileMs = performance.now() - start;
  const size = RE2JS.compile(translateToRe2(source, '').pattern).programSize();
  const length = Math.floor(MAX_WORK / size);
  const text = `${Array.from({ length: length - 2 }, (_, i) => 'abcd'[(i * 7 + (i >> 3)) % 4]).join('')}dx`;
  const testMs = timed(() => regex.test(text));
  const firstMatchMs = timed(() => regex.firstMatch(text));
  return {
    pattern: `${source.length} characters, ${size} instructions (limit ${MAX_PROGRAM_SIZE})`,
    characters: text.length,
    compileMs: round(compileMs),
    testMs: round(testMs),
    firstMatchMs: round(firstMatchMs),
    nsPerInstructionAndCharacter: round(((testMs + firstMatchMs) * 1e6) / (size * text.length)),
  };
});
const hostile = compile('^(.|.)*\\x00$', '');
const hostileMsOn100k = round(timed(() => hostile.firstMatch('x'.repeat(100_000))));

function timed(action) {
  const start = performance.now();
  action();
  return performance.now() - start;
}

// --- bundle size ----------------------------------------------------------------------------------

const meta = await build({ entryPoints: [join(root, 'src/cli.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', write: false, metafile: true, outfile: join(tools, 'cli-size.js'), logLevel: 'silent', loader: { '.node': 'empty' } }).catch(() => undefined);
let bundleBytes;
if (meta) {
  const inputs = Object.values(meta.metafile.outputs).find((output) => output.entryPoint)?.inputs ?? {};
  const bytesOf = (test) => Object.entries(inputs).filter(([path]) => test(path)).reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
  bundleBytes = {
    re2js: bytesOf((path) => path.includes('node_modules/re2js/')),
    translation: bytesOf((path) => /src\/assert\/(regex-|safe-regex)/.test(path)),
  };
}

console.log(
  JSON.stringify(
    {
      evaluations: EVALUATIONS,
      outputCharacters: OUTPUTS.map((output) => output.length),
      perPattern,
      meanNativeUs: round(mean('nativeUs')),
      meanRe2Us: round(mean('re2Us')),
      meanRe2WithMatchUs: round(mean('re2WithMatchUs')),
      ratio: round(mean('re2Us') / mean('nativeUs')),
      ratioWithMatch: round(mean('re2WithMatchUs') / mean('nativeUs')),
      compileMsPerPattern: round(compileMsPerPattern),
      worstCase,
      hostileMsOn100k,
      bundleBytes,
      sink: sink > 0,
    },
    null,
    2,
  ),
);

function round(value) {
  return typeof value === 'number' ? Math.round(value * 100) / 100 : value;
}
