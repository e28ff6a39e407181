// Types for scripts/structure.mjs, so test/architecture.test.ts can use it under strict TypeScript.
export const SRC: string;
export const LAYERS: string[][];
export const PACKAGE_OWNERS: { pattern: RegExp; owners: string[] }[];
export interface ImportEdge {
  from: string;
  /** The imported file relative to src/, when it is one. */
  to: string | undefined;
  specifier: string;
}
export interface ImportGraph {
  files: string[];
  edges: ImportEdge[];
  lines: Map<string, number>;
}
export function sourceFiles(src?: string): string[];
export function importGraph(src?: string): ImportGraph;
export function placeOf(file: string): string | undefined;
export function rankOf(file: string): number;
export function upwardImports(graph: ImportGraph): ImportEdge[];
export function fileCircles(graph: ImportGraph): string[][];
export function folderCircles(graph: ImportGraph): string[][];
export function importersOf(graph: ImportGraph, pattern: RegExp): string[];
export function unplaced(graph: ImportGraph): string[];
export function largestFiles(graph: ImportGraph, count?: number): [string, number][];
