// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks. Rows come back with
// the line each starts on, for notes that point at the row.
import { Refusal } from './types.js';

export interface CsvRow {
  line: number;
  cells: string[];
}

export function parseCsv(file: string, text: string): { header: string[]; rows: CsvRow[] } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  while (i < body.length) {
    const char = body[i]!;
    if (quoted) {
      if (char === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        i += 1;
        const next = body[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new Refusal(file, line, `unreadable CSV: text after a closing quote; double a quote inside a quoted field ("")`);
        }
        continue;
      }
      if (char === '\n') line += 1;
      cell += char;
      i += 1;
      continue;
    }
    if (char === '"' && cell === '') {
      quoted = true;
      quoteLine = line;
      i += 1;
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
      i += 1;
    } else if (char === '\r' || char === '\n') {
      endRow();
      i += char === '\r' && body[i + 1] === '\n' ? 2 : 1;
      line += 1;
      rowLine = line;
    } else {
      cell += char;
      i += 1;
    }
  }
  if (quoted) throw new Refusal(file, quoteLine, 'unreadable CSV: a quoted field is never closed');
  if (cell !== '' || cells.length > 0) endRow();
  const [head, ...rows] = records;
  if (!head) throw new Refusal(file, 1, 'unreadable CSV: no header row');
  for (const row of rows) {
    if (row.cells.length > head.cells.length) {
      throw new Refusal(file, row.line, `unreadable CSV: ${row.cells.length} fields where the header has ${head.cells.length}`);
    }
  }
  return { header: head.cells.map((name) => name.trim()), rows };
}
