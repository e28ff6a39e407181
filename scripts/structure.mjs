// The shape of src/: its import graph, measured with the TypeScript compiler's own import scanner.
// `node scripts/structure.mjs` prints the figures; test/architecture.test.ts holds the line on them.
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SRC = resolve(here, '../src');

/**
 * The layers of src/, lowest first. A module may import its own layer's folder and anything below;
 * folders that share a layer are siblings and must not import each other. A path not listed here is an error,
 * so a new folder has to be given its place.
 */
export const LAYERS = [
  ['types.ts', 'version.ts', 'limits.ts', 'redact.ts', 'template.ts', 'fs/'],
  ['compare/'],
  ['cost/', 'report/'],
  ['gates/'],
  ['verdict.ts'],
  ['assert/'],
  ['suite/'],
  ['import/'],
  ['baseline/'],
  ['run/'],
  ['shard/'],
  ['grade/'],
  ['pipeline.ts'],
  ['side-by-side/'],
  ['review/', 'suggest/'],
  ['provider/'],
  ['settings/'],
  ['engine/'],
  ['github/'],
  ['cli/', 'action/'],
  ['cli.ts', 'index.ts'],
];

/** The only modules allowed to import a package (the package, then the files relative to src/). */
export const PACKAGE_OWNERS = [
  { pattern: /^@actions\//, owners: ['action/runner-io.ts'] },
  { pattern: /^openai(\/|$)/, owners: ['provider/openai.ts'] },
];

/** Files relative to src/, sorted. */
export function sourceFiles(src = SRC) {
  const out = [];
  (function walk(dir) {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) out.push(relative(src, path));
    }
  })(src);
  return out.sort();
}

/** Every import, export-from and dynamic import of each file: `{from, to, specifier}`; `to` is set for files in src/. */
export function importGraph(src = SRC) {
  const files = sourceFiles(src);
  const edges = [];
  const lines = new Map();
  for (const file of files) {
    const text = readFileSync(join(src, file), 'utf8');
    lines.set(file, text.split('\n').length - (text.endsWith('\n') ? 1 : 0));
    for (const imported of ts.preProcessFile(text, true, true).importedFiles) {
      const specifier = imported.fileName;
      if (specifier.startsWith('.')) {
        const target = relative(src, resolve(dirname(join(src, file)), specifier.replace(/\.js$/, '.ts')));
        edges.push({ from: file, to: target.startsWith('..') ? undefined : target, specifier });
      } else {
        edges.push({ from: file, to: undefined, specifier });
      }
    }
  }
  return { files, edges, lines };
}

/** The layer entry (`'run/'`, `'pipeline.ts'`) a file belongs to, or undefined. */
export function placeOf(file) {
  for (const layer of LAYERS) {
    for (const entry of layer) {
      if (entry.endsWith('/') ? file.startsWith(entry) : file === entry) return entry;
    }
  }
  return undefined;
}

export function rankOf(file) {
  const place = placeOf(file);
  return place === undefined ? -1 : LAYERS.findIndex((layer) => layer.includes(place));
}

/** Imports that run back up the layers, or sideways between siblings. */
export function upwardImports(graph) {
  return graph.edges.filter(({ from, to }) => {
    if (to === undefined) return false;
    const a = placeOf(from);
    const b = placeOf(to);
    if (a === b) return false;
    return rankOf(to) >= rankOf(from);
  });
}

/** Strongly connected components with more than one member (Tarjan), over `nodes` and `next(node)`. */
function circlesOf(nodes, next) {
  let index = 0;
  const stack = [];
  const seen = new Map();
  const onStack = new Set();
  const found = [];
  const visit = (node) => {
    const entry = { index, low: index };
    index += 1;
    seen.set(node, entry);
    stack.push(node);
    onStack.add(node);
    for (const to of next(node)) {
      if (!seen.has(to)) {
        visit(to);
        entry.low = Math.min(entry.low, seen.get(to).low);
      } else if (onStack.has(to)) {
        entry.low = Math.min(entry.low, seen.get(to).index);
      }
    }
    if (entry.low === entry.index) {
      const members = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        members.push(member);
      } while (member !== node);
      if (members.length > 1) found.push(members.sort());
    }
  };
  for (const node of nodes) if (!seen.has(node)) visit(node);
  return found;
}

/** Groups of files that import each other, directly or round a loop. */
export function fileCircles(graph) {
  const next = new Map(graph.files.map((file) => [file, new Set()]));
  for (const { from, to } of graph.edges) if (to !== undefined && next.has(to)) next.get(from).add(to);
  return circlesOf(graph.files, (file) => next.get(file));
}

/** Groups of layer entries (folders, top-level files) that import each other. */
export function folderCircles(graph) {
  const places = [...new Set(graph.files.map((file) => placeOf(file) ?? file))];
  const next = new Map(places.map((place) => [place, new Set()]));
  for (const { from, to } of graph.edges) {
    if (to === undefined) continue;
    const a = placeOf(from) ?? from;
    const b = placeOf(to) ?? to;
    if (a !== b && next.has(b)) next.get(a).add(b);
  }
  return circlesOf(places, (place) => next.get(place));
}

/** Files importing a package matching `pattern`. */
export function importersOf(graph, pattern) {
  return [...new Set(graph.edges.filter((e) => e.to === undefined && pattern.test(e.specifier)).map((e) => e.from))].sort();
}

/** Files no layer claims. */
export function unplaced(graph) {
  return graph.files.filter((file) => placeOf(file) === undefined);
}

export function largestFiles(graph, count = 10) {
  return [...graph.lines].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, count);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const graph = importGraph();
  const up = upwardImports(graph);
  const circles = fileCircles(graph);
  const folders = folderCircles(graph);
  const show = (title, rows) => {
    console.log(`${title}: ${rows.length}`);
    for (const row of rows) console.log(`  ${row}`);
  };
  console.log(`files: ${graph.files.length}, lines: ${[...graph.lines.values()].reduce((a, b) => a + b, 0)}`);
  show('imports running back up or sideways', up.map((e) => `${e.from} -> ${e.to}`));
  show('circles between files', circles.map((c) => c.join(' <-> ')));
  show('circles between folders', folders.map((c) => c.join(' <-> ')));
  show('files no layer claims', unplaced(graph));
  show('importers of @actions/*', importersOf(graph, /^@actions\//));
  show('importers of openai', importersOf(graph, /^openai(\/|$)/));
  show('largest files (lines)', largestFiles(graph).map(([file, n]) => `${n} ${file}`));
}
