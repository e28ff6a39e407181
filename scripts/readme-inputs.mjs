// Regenerates the inputs and outputs tables of the action's documentation from action.yml, so the
// docs cannot drift from what the action reads. The tables sit between marker comments:
//
//   <!-- action-inputs:start --> … <!-- action-inputs:end -->
//   <!-- action-outputs:start --> … <!-- action-outputs:end -->
//
//   node scripts/readme-inputs.mjs [--check] [files…]     (default: README.md)
//
// --check rewrites nothing and exits 1 when a file is out of date (for CI).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const named = args.filter((arg) => arg !== '--check');
const files = named.length > 0 ? named : ['README.md'];

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));

/** Text for a table cell: one line, pipes escaped. */
const cell = (text) => String(text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text === '' ? '' : `\`${text}\``);

function inputsTable() {
  const rows = Object.entries(action.inputs ?? {}).map(
    ([name, input]) => `| \`${name}\` | ${cell(input.description)} | ${input.default === undefined || input.default === '' ? '' : code(cell(input.default))} |`,
  );
  return ['| Input | Description | Default |', '| --- | --- | --- |', ...rows].join('\n');
}

function outputsTable() {
  const rows = Object.entries(action.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description)} |`);
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n');
}

function replaceBetween(text, marker, content) {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return text;
  return `${text.slice(0, from + start.length)}\n${content}\n${text.slice(to)}`;
}

let stale = false;
for (const file of files) {
  const path = resolve(repoRoot, file);
  const before = readFileSync(path, 'utf8');
  let after = replaceBetween(before, 'action-inputs', inputsTable());
  after = replaceBetween(after, 'action-outputs', outputsTable());
  if (after === before) continue;
  if (check) {
    process.stderr.write(`${file}: the inputs/outputs tables differ from action.yml; run node scripts/readme-inputs.mjs\n`);
    stale = true;
  } else {
    writeFileSync(path, after);
    process.stdout.write(`updated ${file}\n`);
  }
}
process.exitCode = stale ? 1 : 0;
