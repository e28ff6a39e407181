// The layout's rules, checked on every run: src/ is layered (scripts/structure.mjs lists the layers,
// lowest first), nothing imports a layer above its own or a sibling folder, no two files import each
// other round a loop, and the two packages that tie us to an outside world each have one door.
import { describe, expect, it } from 'vitest';
import {
  fileCircles,
  folderCircles,
  importGraph,
  importersOf,
  LAYERS,
  PACKAGE_OWNERS,
  placeOf,
  unplaced,
  upwardImports,
} from '../scripts/structure.mjs';

const graph = importGraph();

describe('the layers of src/', () => {
  it('give every file a place', () => {
    expect(unplaced(graph)).toEqual([]);
  });

  it('are read top-down: no import runs back up a layer or sideways to a sibling folder', () => {
    expect(upwardImports(graph).map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('have no circles, between files or between folders', () => {
    expect(fileCircles(graph)).toEqual([]);
    expect(folderCircles(graph)).toEqual([]);
  });

  it('put the edges on top and the shared types at the bottom', () => {
    // The order itself, so a change to it is a reviewed change to this test too.
    expect(LAYERS.at(0)).toContain('types.ts');
    expect(LAYERS.at(-2)).toEqual(['cli/', 'action/']);
    const rank = (entry: string) => LAYERS.findIndex((layer) => layer.includes(entry));
    for (const [lower, higher] of [
      ['template.ts', 'suite/'],
      ['template.ts', 'grade/'],
      ['assert/', 'suite/'],
      ['run/', 'grade/'],
      ['grade/', 'pipeline.ts'],
      ['pipeline.ts', 'suggest/'],
      ['review/', 'github/'],
      ['provider/', 'engine/'],
      ['settings/', 'engine/'],
      ['engine/', 'cli/'],
    ] as const) {
      expect(rank(lower), `${lower} below ${higher}`).toBeLessThan(rank(higher));
    }
  });

  it('are checked by a rule that sees an import running back up', () => {
    // The rule must catch a violation, or the empty lists above prove nothing.
    const planted = { ...graph, edges: [...graph.edges, { from: 'run/runner.ts', to: 'cli/main.ts', specifier: '../cli/main.js' }] };
    expect(upwardImports(planted).map(({ from, to }) => `${from} -> ${to}`)).toEqual(['run/runner.ts -> cli/main.ts']);
    expect(placeOf('run/runner.ts')).toBe('run/');
  });
});

describe('packages with one door', () => {
  for (const { pattern, owners } of PACKAGE_OWNERS) {
    it(`${pattern} is imported only by ${owners.join(', ')}`, () => {
      expect(importersOf(graph, pattern)).toEqual(owners);
    });
  }
});
