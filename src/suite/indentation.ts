// Finds an indentation mistake the way a person sees one: a key or a list item that does not
// line up with its siblings. yaml says only "All mapping items must start at the same column" or
// "A block sequence may not be used as an implicit map key", at column 1, sometimes on the line
// before, and three times over; this reads the lines above the mistake, as an editor would, to
// say which key or list item it is out of line with, and proposes ways to line it up.
//
// Best effort by design: the lines are read with a simple model of YAML's block structure, and
// anything it does not model (anchors, tags, complex keys, directives) gives up. The caller keeps a
// proposal only when yaml, reading the repaired text, agrees the mistake is gone.
import { isKnownAssertionType } from '../assert/index.js';

export interface IndentRepair {
  /** Where the mistake is said to be: the line to move. */
  line: number;
  column: number;
  message: string;
  /** The whole text with the mistake repaired; the same number of lines. */
  text: string;
  /**
   * The 1-based lines the repair changed. A problem found at the mistake's own line, or at a line
   * removed, is not the user's; at a line moved along with it (`shift` columns), it is, moved back.
   */
  touched: { line: number; shift?: number }[];
  /** Lines were taken out: what the file says as a whole (its variables, its assertions) is no longer what the user wrote. */
  removes?: true;
}

export interface IndentMistake {
  /** The line that fits no block above it; the mistake may be there or, once, on the line that set the column. */
  line: number;
  /**
   * Repairs for each reading of the mistake, most likely first (moving the line alone, or with the
   * lines under it, to one column or another): the caller keeps the one yaml likes best.
   */
  repairs: IndentRepair[];
}

interface Block {
  column: number;
  kind: 'map' | 'seq';
  /** The key whose value this block is: `vars` for the keys under `vars:`, `assert` for its list. */
  owner?: string;
  /** For a mapping that is a list item: the list's key (`tests` for a test). */
  itemOf?: string;
  /** The last key or `-` seen in the block, to line up with. */
  last: string;
  lastLine: number;
  /** Lines seen in the block; with one, the first may be the line out of place. */
  lines: number;
  /** Whether the block's first line starts with it (not `- key:`), so that it can be moved alone. */
  firstAlone: boolean;
}

/** What follows the last key or `-` of a line. */
type Value = 'empty' | 'block-scalar' | 'plain' | 'closed' | 'open-flow';

interface Opening {
  column: number;
  kind: 'map' | 'seq';
  key?: string;
}

class Unmodelled extends Error {}

const TEST_KEYS = new Set(['name', 'description', 'vars', 'assert', 'repeat', 'minPassRate', 'tags']);
const FILE_KEYS = new Set([...TEST_KEYS, '$schema', 'model', 'modelParameters', 'messages', 'tests', 'responseFormat', 'jsonSchema', 'testData', 'evaluators']);
const MESSAGE_KEYS = new Set(['role', 'content']);
const PARAMETER_KEYS = new Set(['temperature', 'maxTokens', 'topP', 'seed', 'responseFormat']);

/** The first indentation mistake at or just after `fromLine` (where yaml found an error), if one is found there. */
export function findIndentMistake(text: string, fromLine: number): IndentMistake | undefined {
  try {
    return scan(text, fromLine);
  } catch (error) {
    if (error instanceof Unmodelled) return undefined;
    throw error;
  }
}

function scan(text: string, errorLine: number): IndentMistake | undefined {
  const raw = text.split('\n');
  const lines = raw.map((line) => line.replace(/\r$/, ''));
  // yaml may place the error on blank lines or comments before the line it is about.
  let fromLine = errorLine;
  while (fromLine < lines.length && /^\s*(#.*)?$/.test(lines[fromLine - 1]!)) fromLine++;
  const stack: Block[] = [];
  let after: After = { value: 'closed', parentColumn: -1, parentKind: 'map' };

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const number = index + 1;
    if (number > fromLine + 1) return undefined;
    const indent = line.length - line.trimStart().length;
    const rest = line.slice(indent);

    let endedText: After['text'];
    if (after.value === 'block-scalar') {
      const text = (after.text ??= {});
      if (rest === '') continue;
      if (text.indent === undefined && indent > after.parentColumn) {
        // The first line of a `key: |` text sets the indentation of all of them.
        Object.assign(text, { indent, line: number });
        continue;
      }
      if (text.indent !== undefined && indent >= text.indent) continue;
      if (indent > after.parentColumn) {
        if (number < fromLine) throw new Unmodelled();
        return textLineAt(raw, index, indent, after);
      }
      endedText = { ...text, key: after.owner, parentColumn: after.parentColumn };
      after = { value: 'closed', parentColumn: -1, parentKind: 'map' };
    }
    if (after.value === 'open-flow') {
      if (!continueFlow(line, after.flow!)) after = { value: 'closed', parentColumn: -1, parentKind: 'map' };
      continue;
    }
    if (rest === '' || rest.startsWith('#')) continue;
    if (line.slice(0, indent + 1).includes('\t')) throw new Unmodelled();
    if (/^(---|\.\.\.)(\s|$)/.test(line) || line.startsWith('%')) {
      // A document start before anything else is common and harmless; anything more is not modelled.
      if (stack.length === 0 && /^---\s*(#.*)?$/.test(line)) continue;
      throw new Unmodelled();
    }

    // A line of the text that reads as a key (`Reply with JSON: {…}`), where yaml stumbles.
    if (endedText && number === fromLine) return textLineAt(raw, index, indent, textAfter(endedText));
    const { openings, value, flow, indentBy } = readLine(line, indent);
    const first = openings[0];
    if (!first) {
      // No key and no `-`: a plain scalar going on over lines, a line of text left of the `key: |`
      // text it belongs to, or something else yaml will explain.
      if (after.value === 'plain' && indent > (stack.at(-1)?.column ?? -1)) continue;
      if (endedText && number >= fromLine) return textLineAt(raw, index, indent, textAfter(endedText));
      return undefined;
    }

    const opensChild = after.value === 'empty' && indent > after.parentColumn;
    // `key:` followed by a list at the key's own column, which YAML allows.
    const compactList = after.value === 'empty' && after.parentKind === 'map' && first.kind === 'seq' && indent === after.parentColumn;
    if (stack.length === 0 || opensChild || compactList) {
      pushOpenings(stack, openings, after.parentKind === 'map' ? { owner: after.owner } : { itemOf: after.owner }, number);
    } else {
      const open = [...stack];
      while (stack.length > 0 && stack.at(-1)!.column > indent) stack.pop();
      // A list at its key's column ends at the next key of that mapping.
      if (first.kind === 'map' && stack.at(-1)?.kind === 'seq' && stack.at(-2)?.column === indent) stack.pop();
      const top = stack.at(-1);
      if (!top || top.column !== indent || top.kind !== first.kind) {
        // yaml found nothing wrong here: this model has misread the file.
        if (number < fromLine) throw new Unmodelled();
        return mistakeAt(raw, lines, index, indent, first, value, open);
      }
      top.last = first.key ?? '-';
      top.lastLine = number;
      top.lines++;
      pushOpenings(stack, openings.slice(1), top.kind === 'seq' ? { itemOf: top.owner } : {}, number);
    }

    const last = stack.at(-1)!;
    after = { value, parentColumn: last.column, parentKind: last.kind, owner: last.kind === 'map' ? last.last : last.owner };
    if (flow) after.flow = flow;
    // The text's indentation, when the header gives it, counts from the block holding the key.
    if (indentBy !== undefined) after.text = { indent: (stack.at(-1)!.column) + indentBy, line: number + 1 };
  }
  return undefined;
}

interface After {
  value: Value;
  /** The column of the line's last key or `-`, which a value on the next lines must be deeper than. */
  parentColumn: number;
  parentKind: 'map' | 'seq';
  /** The last key, or the list's key. */
  owner?: string;
  flow?: FlowState;
  /** After `key: |`: the indentation of the text's lines, and the line that set it. */
  text?: { indent?: number; line?: number; key?: string; parentColumn?: number };
}

/**
 * Opens the blocks a line starts: `- name: x` opens a list item and a mapping inside it. The
 * first one is the value of `owner:`, or an item of the list of `itemOf:`.
 */
function pushOpenings(stack: Block[], openings: Opening[], context: { owner?: string; itemOf?: string }, line: number): void {
  openings.forEach((opening, i) => {
    const block: Block = { column: opening.column, kind: opening.kind, last: opening.key ?? '-', lastLine: line, lines: 1, firstAlone: i === 0 };
    const previous = i > 0 ? stack.at(-1)! : undefined;
    if (opening.kind === 'seq') {
      if (i === 0 && context.owner !== undefined) block.owner = context.owner;
    } else if (previous?.kind === 'seq') {
      if (previous.owner !== undefined) block.itemOf = previous.owner;
    } else if (i === 0) {
      if (context.owner !== undefined) block.owner = context.owner;
      if (context.itemOf !== undefined) block.itemOf = context.itemOf;
    }
    stack.push(block);
  });
}

interface FlowState {
  depth: number;
  quote: '"' | "'" | undefined;
}

/** Reads a line's keys and `-`s, and what follows them. */
function readLine(line: string, indent: number): { openings: Opening[]; value: Value; flow?: FlowState; indentBy?: number } {
  const openings: Opening[] = [];
  let at = indent;
  for (;;) {
    const char = line[at];
    if (char === '-' && (line[at + 1] === undefined || line[at + 1] === ' ')) {
      openings.push({ column: at, kind: 'seq' });
      at++;
      while (line[at] === ' ') at++;
      if (at >= line.length || line[at] === '#') return { openings, value: 'empty' };
      continue;
    }
    if (char === undefined) return { openings, value: 'empty' };
    if (char === '?' && (line[at + 1] === undefined || line[at + 1] === ' ')) throw new Unmodelled();
    const key = readKey(line, at);
    if (key) {
      openings.push({ column: at, kind: 'map', key: key.key });
      at = key.end;
      while (line[at] === ' ') at++;
    }
    return { openings, ...readValue(line, at) };
  }
}

/** `key:` at `at`: plain, or quoted on one line. */
function readKey(line: string, at: number): { key: string; end: number } | undefined {
  const char = line[at]!;
  if (char === '"' || char === "'") {
    const close = closingQuote(line, at);
    if (close === -1) return undefined;
    const colon = /^ *:(?= |$)/.exec(line.slice(close + 1));
    return colon ? { key: line.slice(at + 1, close), end: close + 1 + colon[0].length } : undefined;
  }
  if ('[{&!*|>#,'.includes(char)) {
    if ('&!*'.includes(char)) throw new Unmodelled();
    return undefined;
  }
  const match = /^(.*?[^ ]) *:(?= |$)/.exec(line.slice(at));
  if (!match || / #/.test(match[1]!)) return undefined;
  return { key: match[1]!, end: at + match[0].length };
}

/** `indentBy`: a `|2` text's lines are that much deeper than the mapping or list holding it. */
function readValue(line: string, at: number): { value: Value; flow?: FlowState; indentBy?: number } {
  const char = line[at];
  if (char === undefined || char === '#') return { value: 'empty' };
  // An anchor or a tag comes before the value it names; an alias is a whole value.
  if (char === '&' || char === '!') {
    const next = /^[&!]\S* */.exec(line.slice(at))![0].length;
    return readValue(line, at + next);
  }
  if (char === '*') return { value: 'closed' };
  const header = /^[|>]([+-]?)([1-9]?)([+-]?)( +#.*)? *$/.exec(line.slice(at));
  if (header) return header[2] ? { value: 'block-scalar', indentBy: Number(header[2]) } : { value: 'block-scalar' };
  if (char === '"' || char === "'" || char === '[' || char === '{') {
    const flow: FlowState = { depth: 0, quote: undefined };
    const open = continueFlow(line.slice(at), flow);
    return open ? { value: 'open-flow', flow } : { value: 'closed' };
  }
  return { value: 'plain' };
}

/** Follows quotes and brackets over a line; true while something is still open at its end. */
function continueFlow(text: string, state: FlowState): boolean {
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (state.quote === '"') {
      if (char === '\\') i++;
      else if (char === '"') state.quote = undefined;
    } else if (state.quote === "'") {
      if (char === "'" && text[i + 1] === "'") i++;
      else if (char === "'") state.quote = undefined;
    } else if (char === '"' || char === "'") {
      state.quote = char;
    } else if (char === '[' || char === '{') {
      state.depth++;
    } else if (char === ']' || char === '}') {
      state.depth--;
    } else if (char === '#' && (i === 0 || text[i - 1] === ' ')) {
      break;
    }
    if (state.depth === 0 && state.quote === undefined && i > 0) return false;
  }
  return state.depth > 0 || state.quote !== undefined;
}

function closingQuote(line: string, at: number): number {
  const quote = line[at];
  for (let i = at + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (quote === "'" && line[i] === "'" && line[i + 1] === "'") i++;
    else if (line[i] === quote) return i;
  }
  return -1;
}

function textAfter(text: NonNullable<After['text']>): After {
  return { value: 'block-scalar', parentKind: 'map', parentColumn: text.parentColumn!, owner: text.key, text };
}

/** A line of a `key: |` text indented less than the text's first line, which ends the text there. */
function textLineAt(raw: string[], index: number, indent: number, after: After): IndentMistake {
  const key = after.owner === undefined ? 'this' : `the \`${after.owner}:\``;
  const first = after.text?.indent;
  const target = first ?? after.parentColumn + 2;
  const message =
    first === undefined
      ? `the lines of ${key} text must be indented more than the key itself, and this one is indented ${spaces(indent)}: indent it by ${spaces(target)}`
      : `this line is indented ${spaces(indent)}, less than the lines of ${key} text above it (${spaces(first)}), so the text ends before it: line it up with line ${after.text!.line}`;
  return { line: index + 1, repairs: [{ line: index + 1, column: indent + 1, message, ...shifted(raw, [index], target - indent) }] };
}

/** The readings of the line at `index`, which fits no block open above it. */
function mistakeAt(raw: string[], lines: string[], index: number, indent: number, first: Opening, value: Value, open: Block[]): IndentMistake {
  const line = index + 1;
  const mistake: IndentMistake = { line, repairs: [] };
  const here = { line, column: indent + 1 };
  const block = blockLines(lines, index, indent, first.kind === 'map' && value === 'empty');
  if (first.kind === 'map') {
    const candidates = open.filter((b) => b.kind === 'map' && b.column !== indent).sort(byFit(indent, (b) => keyFit(first.key!, b)));
    for (const target of candidates.slice(0, 3)) {
      const message = `\`${first.key}:\` is indented ${spaces(indent)} but ${keysOf(target)} start at column ${target.column + 1} (${spaces(target.column)}): line it up with \`${target.last}:\` on line ${target.lastLine}`;
      mistake.repairs.push(...moves(raw, block, target.column - indent).map((move) => ({ ...here, message, ...move })));
      // A mapping's first key sets its column: when it has no other yet, that key may be the one out of line.
      if (target.lines === 1 && target.firstAlone && target === open.at(-1)) {
        const firstIndex = target.lastLine - 1;
        const message = `\`${target.last}:\` is indented ${spaces(target.column)} but ${keysOf(target).replace('the other keys', 'the next keys')} start at column ${indent + 1} (${spaces(indent)}): line it up with \`${first.key}:\` on line ${line}`;
        const alone = shifted(raw, [firstIndex], indent - target.column);
        mistake.repairs.push({ line: target.lastLine, column: target.column + 1, message, ...alone });
      }
    }
    return mistake;
  }

  const guess = listGuess(lines[index]!.slice(indent).replace(/^(- *)+/, ''));
  const among = open.some((b) => b.kind === 'map' && b.column === indent);
  // Among a mapping's keys, an item belongs in a list of its kind, or else in the list this line closes.
  const lists = open
    .filter((b) => b.kind === 'seq' && b.column !== indent && (!among || (guess === undefined ? b.column > indent : b.owner === guess)))
    .sort(byFit(indent, (b) => (guess !== undefined && b.owner === guess ? 0 : 1)));
  for (const target of lists.slice(0, 3)) {
    const message = `this list item is indented ${spaces(indent)} but ${itemsOf(target)} start at column ${target.column + 1} (${spaces(target.column)}): line it up with the \`-\` on line ${target.lastLine}`;
    mistake.repairs.push(...moves(raw, block, target.column - indent).map((move) => ({ ...here, message, ...move })));
  }
  if (among) {
    const key = guess ? `is \`${guess}:\` missing above it` : 'is its key missing above it';
    mistake.repairs.push({ ...here, message: `a list item here belongs under a key: ${key}, or is it indented too far?`, ...removed(raw, block) });
  }
  return mistake;
}

/** Nearest first, by how well the block suits the line; at the same distance the deeper, nearer in the file. */
function byFit(indent: number, fit: (block: Block) => number): (a: Block, b: Block) => number {
  return (a, b) => fit(a) - fit(b) || Math.abs(a.column - indent) - Math.abs(b.column - indent) || b.column - a.column;
}

/** 0: the key is one of this mapping's own fields; 1: any key fits here (vars); 2: it fits no better than anywhere. */
function keyFit(key: string, block: Block): number {
  const fields = fieldsOf(block);
  if (fields === undefined) return 1;
  return fields.has(key) ? 0 : 2;
}

function fieldsOf(block: Block): ReadonlySet<string> | undefined {
  if (block.column === 0 && block.itemOf === undefined && block.owner === undefined) return FILE_KEYS;
  if (block.itemOf === 'tests') return TEST_KEYS;
  if (block.itemOf === 'messages') return MESSAGE_KEYS;
  if (block.owner === 'modelParameters') return PARAMETER_KEYS;
  return undefined;
}

/** Which list an item belongs in, from its first key: an assertion, a test or a message. */
function listGuess(item: string): string | undefined {
  const key = /^("[^"]*"|'[^']*'|[^:#]+?) *:(?= |$)/.exec(item)?.[1]?.replace(/^["']|["']$/g, '');
  if (key === undefined) return undefined;
  if (MESSAGE_KEYS.has(key)) return 'messages';
  if (isKnownAssertionType(key.replace(/^not-/, '')) || key === 'type' || key === 'value' || key === 'threshold') return 'assert';
  if (TEST_KEYS.has(key)) return 'tests';
  return undefined;
}

function keysOf(block: Block): string {
  if (block.column === 0 && block.itemOf === undefined && block.owner === undefined) return 'the other top-level keys';
  const item = { tests: 'this test', messages: 'this message', assert: 'this assertion', testData: 'this row', evaluators: 'this evaluator' }[block.itemOf ?? ''];
  if (item) return `the other keys of ${item}`;
  if (block.itemOf) return `the other keys of this item of \`${block.itemOf}:\``;
  return block.owner ? `the other keys of \`${block.owner}:\`` : 'the other keys here';
}

function itemsOf(block: Block): string {
  return block.owner ? `the other items of \`${block.owner}:\`` : 'the other items of this list';
}

function spaces(count: number): string {
  return count === 0 ? 'no spaces' : count === 1 ? '1 space' : `${count} spaces`;
}

/** The line and the lines that belong to it: deeper ones, and for `key:` a list at its column. */
function blockLines(lines: string[], index: number, indent: number, emptyKey: boolean): number[] {
  const block = [index];
  let compact = emptyKey;
  for (let i = index + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = line.trimStart();
    const own = line.length - rest.length;
    if (rest === '' || rest.startsWith('#')) {
      block.push(i);
      continue;
    }
    if (own > indent || (compact && own === indent && /^-( |$)/.test(rest))) {
      block.push(i);
      continue;
    }
    compact = false;
    break;
  }
  // Blank lines and comments after the block's last line are not part of it.
  while (block.length > 1 && lines[block.at(-1)!]!.trim().replace(/^#.*/, '') === '') block.pop();
  return block;
}

/**
 * Two ways to line a line up: alone (its deeper lines often sit where they should already), or
 * with every line under it.
 */
function moves(raw: string[], block: number[], by: number): Pick<IndentRepair, 'text' | 'touched'>[] {
  const alone = shifted(raw, block.slice(0, 1), by);
  return block.length > 1 ? [alone, shifted(raw, block, by)] : [alone];
}

function shifted(raw: string[], block: number[], by: number): Pick<IndentRepair, 'text' | 'touched'> {
  const copy = [...raw];
  const touched: IndentRepair['touched'] = [];
  for (const i of block) {
    const line = copy[i]!;
    if (line.trim() === '') continue;
    const own = line.length - line.trimStart().length;
    const shift = Math.max(by, -own);
    copy[i] = shift >= 0 ? ' '.repeat(shift) + line : line.slice(-shift);
    touched.push(i === block[0] ? { line: i + 1 } : { line: i + 1, shift });
  }
  return { text: copy.join('\n'), touched };
}

function removed(raw: string[], block: number[]): Pick<IndentRepair, 'text' | 'touched' | 'removes'> {
  const copy = [...raw];
  for (const i of block) copy[i] = '';
  return { text: copy.join('\n'), touched: block.map((i) => ({ line: i + 1 })), removes: true };
}
