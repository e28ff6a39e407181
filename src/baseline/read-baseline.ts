// Reads an earlier run's results (`--output`) to compare a run with: a release's baseline. It is
// checked before any call is made, against the same schema the results are documented by, so a
// wrong file is refused with what it is instead of comparing with nothing.
import { readFile } from 'node:fs/promises';
import type { ValidateFunction } from 'ajv';
import resultsSchema from '../../schema/results.schema.json' with { type: 'json' };
import { decodeUtf8 } from '../fs/utf8.js';
import { createSchemaAjv } from '../suite/schema-ajv.js';
import type { Problem, RunReport } from '../types.js';

export type BaselineRead = { ok: true; report: RunReport } | { ok: false; problem: Problem };

/** How the messages name the file, and how to make one: a baseline by default, or the results of a run to re-run (`--failed-from`). */
export interface ResultsFileWords {
  /** `baseline file` */
  file: string;
  /** `write one with …` */
  writeOne: string;
}

const BASELINE_WORDS: ResultsFileWords = { file: 'baseline file', writeOne: 'write one with `promptgate run --output FILE` on the release you compare with' };

let validate: ValidateFunction | undefined;

export async function readBaseline(path: string, shownAs: string, words: ResultsFileWords = BASELINE_WORDS): Promise<BaselineRead> {
  const fail = (message: string, line = 0, column = 0): BaselineRead => ({ ok: false, problem: { file: shownAs, line, column, severity: 'error', message } });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? `no such ${words.file}; ${words.writeOne}` : `cannot read the ${words.file} (${code ?? (error as Error).message})`);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return fail(decoded.message, decoded.line, decoded.column);
  let data: unknown;
  try {
    data = JSON.parse(decoded.text);
  } catch (error) {
    const at = positionOf(decoded.text, (error as Error).message);
    // Node quotes the text around the fault; the position says where, and the quote could be a whole line of output.
    const reason = (error as Error).message.split(/, "| in JSON/)[0];
    return fail(`not a promptgate results file: it is not JSON (${reason}); ${words.writeOne}`, at.line, at.column);
  }
  const top = data as { tool?: { name?: unknown }; schemaVersion?: unknown } | null;
  if (typeof top !== 'object' || top === null || Array.isArray(top) || top.tool?.name !== 'promptgate') {
    return fail(`not a promptgate results file (it has no "tool": { "name": "promptgate" }); ${words.writeOne}`, 1, 1);
  }
  if (top.schemaVersion !== 1) {
    return fail(`a results file of schema version ${JSON.stringify(top.schemaVersion)}; this promptgate reads version 1: write the ${words.file.replace(/ file$/, '')} again with this version`, 1, 1);
  }
  validate ??= createSchemaAjv().compile(resultsSchema);
  if (!validate(data)) {
    const first = validate.errors?.[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    return fail(`not a valid promptgate results file: ${first?.message ?? 'it does not match schema/results.schema.json'}${where}; ${words.writeOne}`, 1, 1);
  }
  return { ok: true, report: data as RunReport };
}

/** Where JSON.parse stopped, from its message (`at position 12`, or Node 22's `line 1 column 13`). */
function positionOf(text: string, message: string): { line: number; column: number } {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (!position) return { line: 1, column: 1 };
  const offset = Number(position[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The baseline's files among those the run selected; empty means it was written for other prompts. */
export function baselineFilesAmong(report: RunReport, files: readonly string[]): string[] {
  const recorded = new Set(report.results.map((result) => result.file));
  return files.filter((file) => recorded.has(file));
}
