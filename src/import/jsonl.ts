// JSON Lines data (openai/evals samples, OpenAI Evals datasets): one object a line, each kept with
// its line number so a test, a drop or a refusal can point at it.
import { Refusal } from './types.js';

export interface JsonlRow {
  data: Record<string, unknown>;
  line: number;
}

export function readJsonl(path: string, text: string, what: string): JsonlRow[] {
  const rows: JsonlRow[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new Refusal(path, index + 1, `not a JSON line: ${(error as Error).message}`);
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Refusal(path, index + 1, `each line must be a JSON object (${what})`);
    rows.push({ data: data as Record<string, unknown>, line: index + 1 });
  });
  return rows;
}
