// Writes JavaScript values as YAML in randomly chosen styles: block or flow collections; plain,
// quoted, block and multi-line scalars; comments, blank lines, odd indentation. The text need not
// mean exactly the value it came from — the equivalence test only asks that both loaders read it
// alike — but it mostly does, so that most generated files are valid and take the fast path.
import type { Random } from './random.js';

export interface WriterStyle {
  indentUnit: number;
  /** `key:` followed by `- item` at the key's own indentation. */
  flushSequences: boolean;
  flowRate: number;
  commentRate: number;
  blankLineRate: number;
  trailingCommentRate: number;
  quoteRate: number;
  blockScalarRate: number;
  foldRate: number;
}

export function randomStyle(random: Random): WriterStyle {
  return {
    indentUnit: random.pick([2, 2, 2, 4, 3, 1]),
    flushSequences: random.chance(0.25),
    flowRate: random.pick([0, 0.1, 0.3, 0.7]),
    commentRate: random.pick([0, 0, 0.05, 0.2]),
    blankLineRate: random.pick([0, 0.05, 0.2]),
    trailingCommentRate: random.pick([0, 0, 0.1, 0.3]),
    quoteRate: random.pick([0.1, 0.4, 0.8]),
    blockScalarRate: random.pick([0, 0.3, 0.7]),
    foldRate: random.pick([0, 0.2]),
  };
}

/** A value written verbatim as a plain scalar: `1_000`, `-.5`, `yes`, `~`… */
export class RawScalar {
  constructor(readonly text: string) {}
}

type Value = unknown;

/**
 * Each element is one "line" that comments and blank lines may be put between; a multi-line
 * scalar stays inside one element so that nothing is inserted into it.
 */
export class YamlWriter {
  private readonly lines: string[] = [];

  constructor(
    private readonly random: Random,
    private readonly style: WriterStyle,
  ) {}

  text(lineEnding: '\n' | '\r\n'): string {
    return this.lines.join('\n').replace(/\n/g, lineEnding) + lineEnding;
  }

  mapping(value: Record<string, Value>, indent: number, firstPrefix = ''): void {
    Object.entries(value).forEach(([key, item], index) => {
      const lead = index === 0 && firstPrefix ? firstPrefix : ' '.repeat(indent);
      this.entry(lead, this.key(key), item, indent);
    });
  }

  private entry(lead: string, key: string, value: Value, indent: number): void {
    this.maybeDecorate(indent);
    const deeper = indent + this.style.indentUnit;
    if (isCollection(value) && !isEmpty(value) && !this.random.chance(this.style.flowRate)) {
      const comment = this.random.chance(this.style.trailingCommentRate / 3) ? ' # about ' + key : '';
      this.lines.push(`${lead}${key}:${comment}`);
      if (Array.isArray(value)) this.sequence(value, this.style.flushSequences ? indent : deeper);
      else this.mapping(value as Record<string, Value>, deeper);
      return;
    }
    const inline = this.inline(value, deeper, indent);
    this.lines.push(`${lead}${key}: ${inline}${this.trailingComment(inline)}`);
  }

  sequence(items: Value[], indent: number): void {
    for (const item of items) {
      this.maybeDecorate(indent);
      const dash = ' '.repeat(indent) + '-' + ' '.repeat(this.random.pick([1, 1, 1, 2, 3]));
      const inner = dash.length;
      if (isCollection(item) && !isEmpty(item) && !this.random.chance(this.style.flowRate)) {
        if (Array.isArray(item)) {
          this.lines.push(dash.trimEnd());
          this.sequence(item, inner);
        } else {
          this.mapping(item as Record<string, Value>, inner, dash);
        }
        continue;
      }
      const inline = this.inline(item, inner, indent);
      this.lines.push(`${dash}${inline}${this.trailingComment(inline)}`);
    }
  }

  /** A value on the rest of a line (possibly running over several lines, indented by `indent`). */
  private inline(value: Value, indent: number, parentIndent: number): string {
    if (isCollection(value)) {
      return this.random.chance(this.style.foldRate) ? this.multiLineFlow(value, indent, parentIndent) : this.flow(value);
    }
    if (typeof value !== 'string') return this.scalar(value, false);
    const r = this.random;
    if (value.includes('\n') || r.chance(this.style.blockScalarRate / 4)) {
      const block = this.blockScalar(value, indent);
      if (block) return block;
    }
    if (r.chance(this.style.foldRate) && value.includes(' ') && !value.includes('\n')) {
      if (/^[A-Za-z][\w ,.]*[\w.]$/.test(value)) return this.foldedPlain(value, indent, parentIndent);
      return this.foldedQuoted(value, indent, parentIndent);
    }
    return this.scalar(value, false);
  }

  /** A flow collection with one entry per line, its closing bracket placed in one of several ways. */
  private multiLineFlow(value: object, indent: number, parentIndent: number): string {
    const r = this.random;
    const pad = () => ' '.repeat(r.chance(0.9) ? indent : Math.max(0, parentIndent + r.pick([0, 1])));
    const parts = Array.isArray(value)
      ? value.map((item) => this.flow(item))
      : Object.entries(value as Record<string, Value>).map(([key, item]) => `${this.key(key, true)}: ${this.flow(item)}`);
    const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
    const body = parts.map((part, index) => `${pad()}${part}${index < parts.length - 1 ? ',' : ''}${r.chance(0.1) ? ' # in flow' : ''}`);
    const closing = r.pick([`\n${' '.repeat(indent)}${close}`, `\n${' '.repeat(parentIndent < 0 ? 0 : parentIndent)}${close}`, close]);
    const last = body.length - 1;
    if (closing === close && last >= 0 && body[last]!.includes('#')) body[last] = body[last]!.replace(/ # in flow$/, '');
    return `${open}\n${body.join('\n')}${closing}`;
  }

  /** A quoted scalar folded over lines: each line break reads as a space. */
  private foldedQuoted(value: string, indent: number, parentIndent: number): string {
    const words = value.split(' ');
    const cut = 1 + this.random.int(words.length - 1);
    const continuation = ' '.repeat(this.random.chance(0.85) ? indent : Math.max(0, parentIndent + this.random.pick([0, 1])));
    const [first, rest] = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    if (this.random.chance(0.5)) return `'${first.replace(/'/g, "''")}\n${continuation}${rest.replace(/'/g, "''")}'`;
    const quoted = doubleQuoted(value, this.random);
    const split = quoted.indexOf(' ', 1);
    if (split === -1) return quoted;
    const escapedBreak = this.random.chance(0.3) ? '\\' : '';
    const blankLine = this.random.chance(0.2) ? '\n' : '';
    return `${quoted.slice(0, split)}${escapedBreak}\n${blankLine}${continuation}${quoted.slice(split + 1)}`;
  }

  private flow(value: Value): string {
    if (Array.isArray(value)) return `[${value.map((item) => this.flow(item)).join(this.random.pick([', ', ',', ' , ']))}]`;
    if (isCollection(value)) {
      const entries = Object.entries(value as Record<string, Value>).map(([key, item]) => `${this.key(key, true)}: ${this.flow(item)}`);
      return entries.length === 0 ? '{}' : this.random.pick([`{ ${entries.join(', ')} }`, `{${entries.join(', ')}}`]);
    }
    return this.scalar(value, true);
  }

  private scalar(value: Value, inFlow: boolean): string {
    if (value instanceof RawScalar) return value.text;
    // An empty flow item (`[a, , b]`) is an error; an empty block value is fine.
    if (value === null) return this.random.pick(inFlow ? ['null', '~', 'Null'] : ['null', '~', 'Null', '']);
    if (typeof value === 'boolean') return this.random.pick([String(value), value ? 'True' : 'False', value ? 'TRUE' : 'FALSE']);
    if (typeof value === 'number') return String(value);
    const text = String(value);
    if (!this.random.chance(this.style.quoteRate) && isSafePlain(text, inFlow)) return text;
    if (!text.includes('\n') && this.random.chance(0.4)) return `'${text.replace(/'/g, "''")}'`;
    return doubleQuoted(text, this.random);
  }

  private key(key: string, inFlow = false): string {
    if (isSafePlain(key, inFlow) && !this.random.chance(0.1)) return key;
    // A number or `true` as a key: both loaders must turn it back into the same text.
    if (LOOKS_TYPED.test(key) && this.random.chance(0.5)) return key;
    return this.random.chance(0.5) ? `'${key.replace(/'/g, "''")}'` : JSON.stringify(key);
  }

  private blockScalar(value: string, indent: number): string | undefined {
    const body = value.replace(/\n+$/, '');
    const trailing = value.length - body.length;
    if (body === '' || /^[ \t]/.test(body) || body.includes('\r')) return undefined;
    const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    const folded = this.random.chance(0.25);
    const header = `${folded ? '>' : '|'}${chomp}${this.random.chance(0.1) ? ' # header note' : ''}`;
    const pad = ' '.repeat(indent);
    const lines = body.split('\n').map((line) => (line === '' ? (this.random.chance(0.2) ? pad : '') : pad + line));
    return [header, ...lines, ...Array.from({ length: Math.max(0, trailing - 1) }, () => '')].join('\n');
  }

  private foldedPlain(value: string, indent: number, parentIndent: number): string {
    const words = value.split(' ');
    const cut = 1 + this.random.int(words.length - 1);
    const continuation = ' '.repeat(this.random.chance(0.8) ? indent : parentIndent + 1);
    return `${words.slice(0, cut).join(' ')}\n${continuation}${words.slice(cut).join(' ')}`;
  }

  private maybeDecorate(indent: number): void {
    const r = this.random;
    if (r.chance(this.style.blankLineRate)) this.lines.push(r.chance(0.3) ? ' '.repeat(r.int(6)) : '');
    if (r.chance(this.style.commentRate)) {
      const at = Math.max(0, indent + r.pick([0, 0, -2, -4, 2, 4, 1]));
      this.lines.push(`${' '.repeat(at)}#${r.pick([' note', '', ' — ünïcode', ' tests: [x]'])}`);
    }
  }

  /** After a block scalar a "comment" would be part of its text. */
  private trailingComment(inline: string): string {
    if (/^[|>]/.test(inline) || !this.random.chance(this.style.trailingCommentRate)) return '';
    return this.random.pick([' # note', '  #', '\t# tabbed']);
  }
}

function isCollection(value: Value): value is object {
  return value !== null && typeof value === 'object' && !(value instanceof RawScalar);
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
}

const LOOKS_TYPED = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;

function isSafePlain(text: string, inFlow: boolean): boolean {
  if (text === '' || LOOKS_TYPED.test(text) || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(text) || /[ \t\n\r]$/.test(text)) return false;
  if (/: |:$| #|\n|\t|\r/.test(text)) return false;
  return !inFlow || !/[,[\]{}]|:/.test(text);
}

function doubleQuoted(text: string, random: Random): string {
  let out = '';
  for (const ch of text) {
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += random.pick(['\\t', '\t']);
    else if (ch === '\r') out += '\\r';
    else if (ch.codePointAt(0)! > 0x7f && random.chance(0.2)) {
      const code = ch.codePointAt(0)!;
      out += code > 0xffff ? `\\U${code.toString(16).padStart(8, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  // Now and then an escape most writers never use, or one yaml refuses.
  if (random.chance(0.05)) out += random.pick(['\\N', '\\_', '\\L', '\\P', '\\e', '\\0', '\\a', '\\x41', '\\/', '\\ ', '\\U00110000', '\\q']);
  return `"${out}"`;
}
