// js-yaml and yaml agree on ordinary YAML but not on every corner of the spec: yaml rejects some
// texts js-yaml accepts (tabs as indentation, under-indented continuation lines, long keys…) and
// warns about others. The fast path therefore accepts only a plain subset — block and flow
// collections, plain, quoted and block scalars, comments — laid out unambiguously, and gives up on
// anything else (tags, anchors, aliases, `?` keys, directives, documents markers, odd characters).
import { abandon } from './abandon.js';
import type { PositionNode, PositionTree } from './position-tree.js';
import { columnOf } from './text-position.js';

/** Characters yaml and js-yaml treat differently or reject: controls, byte order marks, NEL, Unicode line separators. */
const UNUSUAL_CHARACTERS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/;
const LONE_CARRIAGE_RETURN = /\r(?!\n)/;
const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** yaml refuses implicit keys longer than 1024 characters; keep well clear of the limit. */
const LONGEST_KEY = 1000;

/** Before parsing: characters the two parsers treat differently (js-yaml even drops a byte order mark, moving every offset). */
export function checkSupportedCharacters(text: string): void {
  // Simple character classes first: the lookarounds are slow, and most files need none of them.
  if (UNUSUAL_CHARACTERS.test(text)) abandon('unusual characters');
  if (text.includes('\r') && LONE_CARRIAGE_RETURN.test(text)) abandon('a carriage return that does not end a line');
  if (SURROGATE.test(text) && LONE_SURROGATE.test(text)) abandon('a lone surrogate');
}

/** After parsing: the structure between the scalars, and how every node is laid out. */
export function checkSupportedSyntax(text: string, tree: PositionTree): void {
  checkBetweenScalars(text, tree.scalars);
  new LayoutCheck(text).check(tree.root, -1, false);
}

/**
 * Outside scalars only structure may appear: spaces, line breaks, comments, `- `, `: `, and flow
 * punctuation, tabs between tokens. Anything else — `&`, `*`, `!`, `?`, `%`, `---`, `...`, a tab as
 * indentation — is unmodelled syntax.
 */
function checkBetweenScalars(text: string, scalars: PositionNode[]): void {
  let from = 0;
  let flowDepth = 0;
  // Tabs separate tokens within a line; before the first token they are indentation, which yaml refuses.
  let lineHasContent = false;
  let contentSeen = false;
  const scan = (to: number): void => {
    for (let p = from; p < to; p++) {
      const ch = text[p]!;
      switch (ch) {
        case ' ':
        case '\r': // always followed by \n (LONE_CARRIAGE_RETURN)
          break;
        case '\n':
          lineHasContent = false;
          break;
        case '\t':
          if (!lineHasContent) abandon('a tab in indentation');
          break;
        case '#': {
          if (p > 0 && !' \t\n'.includes(text[p - 1]!)) abandon('a comment not preceded by a space');
          const newline = text.indexOf('\n', p);
          const lineEnd = newline === -1 ? text.length : newline;
          if (lineEnd > to) abandon('a comment running into a scalar');
          p = lineEnd - 1;
          break;
        }
        case '-':
          if (!contentSeen && isDocumentStart(text, p)) {
            p += 2;
            break;
          }
          if (flowDepth > 0 || !isBlankOrEnd(text, p + 1)) abandon('a dash that is not a list item indicator');
          break;
        case ':':
          if (flowDepth === 0 && !isBlankOrEnd(text, p + 1)) abandon('a colon without a space after it');
          lineHasContent = true;
          break;
        case '[':
        case '{':
          flowDepth++;
          contentSeen = true;
          lineHasContent = true;
          break;
        case ']':
        case '}':
          if (flowDepth === 0) abandon('an unmatched closing bracket');
          flowDepth--;
          lineHasContent = true;
          break;
        case ',':
          if (flowDepth === 0) abandon('a comma outside a flow collection');
          lineHasContent = true;
          break;
        default:
          abandon(`unmodelled syntax "${ch}" at ${p}`);
      }
    }
  };
  for (let i = 0; i < scalars.length; i++) {
    const scalar = scalars[i]!;
    if (scalar.start < from) abandon('overlapping scalars');
    scan(scalar.start);
    from = scalar.end;
    lineHasContent = true;
    contentSeen = true;
  }
  scan(text.length);
}

/** A `---` line before the document's content, nothing after it but a comment. */
function isDocumentStart(text: string, offset: number): boolean {
  if (offset > 0 && text[offset - 1] !== '\n') return false;
  return /^--- *(?:#[^\n]*)?\r?(?:\n|$)/.test(text.slice(offset, text.indexOf('\n', offset) + 1 || text.length));
}

function isBlankOrEnd(text: string, offset: number): boolean {
  const ch = text[offset];
  return ch === undefined || ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/**
 * Every line a node continues on must be indented more than the block collection around it, with
 * spaces only; keys stay on one line; block scalar headers are plain `|`, `>`, with chomping at most.
 * Nodes are visited in file order, which lets one search for the next line break serve a whole line.
 */
class LayoutCheck {
  /** The first line break at or after `newlineFrom`. */
  private newline = -1;
  private newlineFrom = -1;
  // Searched once per file: a search from every quoted scalar would scan to the end of the text each time.
  private readonly mayHoldLongEscapes: boolean;

  constructor(private readonly text: string) {
    this.mayHoldLongEscapes = text.includes('\\U');
  }

  check(node: PositionNode, blockIndent: number, inFlow: boolean): void {
    const text = this.text;
    switch (node.style) {
      case 'block-map': {
        const indent = columnOf(text, node.start);
        const pairs = node.children!;
        for (let i = 0; i < pairs.length; i += 2) {
          this.checkKey(pairs[i]!);
          // The first key is where the mapping starts.
          if (i > 0 && columnOf(text, pairs[i]!.start) !== indent) abandon('a key out of line with its mapping');
          this.check(pairs[i + 1]!, indent, false);
        }
        return;
      }
      case 'block-seq': {
        const indent = columnOf(text, node.start);
        for (let i = 0; i < node.children!.length; i++) this.check(node.children![i]!, indent, false);
        return;
      }
      case 'flow-map': {
        if (!inFlow && this.isMultiLine(node)) checkContinuationLines(text, node, blockIndent);
        const pairs = node.children!;
        for (let i = 0; i < pairs.length; i += 2) {
          this.checkKey(pairs[i]!);
          this.check(pairs[i + 1]!, blockIndent, true);
        }
        return;
      }
      case 'flow-seq':
        if (!inFlow && this.isMultiLine(node)) checkContinuationLines(text, node, blockIndent);
        for (let i = 0; i < node.children!.length; i++) this.check(node.children![i]!, blockIndent, true);
        return;
      case 'double-quoted':
        if (this.mayHoldLongEscapes && hasOutOfRangeEscape(text, node)) abandon('an escape beyond Unicode, which yaml refuses');
        if (this.isMultiLine(node)) {
          // js-yaml drops the blank lines after an escaped line break; yaml folds them.
          if (ESCAPED_BREAK_THEN_BLANK_LINE.test(text.slice(node.start, node.end))) abandon('an escaped line break before a blank line');
          if (!inFlow) checkContinuationLines(text, node, blockIndent);
        }
        return;
      case 'plain':
      case 'single-quoted':
        if (!inFlow && this.isMultiLine(node)) checkContinuationLines(text, node, blockIndent);
        return;
      case 'block-scalar':
        checkBlockScalar(text, node, blockIndent);
        return;
      case 'empty':
        return;
    }
  }

  private checkKey(key: PositionNode): void {
    if (key.end - key.start > LONGEST_KEY) abandon('a very long key');
    if (this.isMultiLine(key)) abandon('a key over several lines');
  }

  private isMultiLine(node: PositionNode): boolean {
    if (node.start < this.newlineFrom || node.start > this.newline) {
      this.newlineFrom = node.start;
      this.newline = this.text.indexOf('\n', node.start);
      if (this.newline === -1) this.newline = this.text.length;
    }
    return this.newline < node.end;
  }
}

/** `\U00110000` and above: js-yaml makes something up, yaml reports an error. */
function hasOutOfRangeEscape(text: string, node: PositionNode): boolean {
  for (let at = text.indexOf('\\U', node.start); at !== -1 && at < node.end; at = text.indexOf('\\U', at + 2)) {
    if (!(parseInt(text.slice(at + 2, at + 10), 16) <= 0x10ffff)) return true;
  }
  return false;
}

function checkContinuationLines(text: string, node: PositionNode, blockIndent: number): void {
  // yaml lets the bracket that closes a flow collection sit at the indentation of the line it opened on.
  const closingBracket = node.style === 'flow-map' || node.style === 'flow-seq' ? node.end - 1 : -1;
  for (let newline = text.indexOf('\n', node.start); newline !== -1 && newline < node.end; newline = text.indexOf('\n', newline + 1)) {
    let p = newline + 1;
    while (text[p] === ' ') p++;
    const ch = text[p];
    const indent = p - newline - 1;
    if (ch === '\t') abandon('a tab in indentation');
    if (ch === '\n' || ch === '\r' || indent > blockIndent) continue;
    if (p === closingBracket && indent === blockIndent) continue;
    abandon(`a continuation line not indented enough at ${p}`);
  }
}

/** A backslash ending a line (escaped or not: being strict costs nothing) and a line with no text after it. */
const ESCAPED_BREAK_THEN_BLANK_LINE = /\\\r?\n[ \t]*\r?\n/;

const BLOCK_SCALAR_HEADER = /^[|>][+-]?(?: +#[^\n]*| *)\r?$/;

function checkBlockScalar(text: string, node: PositionNode, blockIndent: number): void {
  const headerEnd = text.indexOf('\n', node.start);
  if (headerEnd === -1 || !BLOCK_SCALAR_HEADER.test(text.slice(node.start, headerEnd))) abandon('an unusual block scalar header');
  // The first line with text sets the indentation. Blank lines before it that are wider make yaml
  // object and js-yaml take the wider indentation, so the two read different things. (This looks
  // past the scalar's end: for js-yaml that line may already be outside it.)
  let widestBlank = -1;
  for (let lineStart = headerEnd + 1; lineStart < text.length; ) {
    let p = lineStart;
    while (text[p] === ' ') p++;
    const indent = p - lineStart;
    const ch = text[p];
    if (ch === '\t') abandon('a tab in block scalar indentation');
    if (ch !== '\n' && ch !== '\r' && ch !== undefined) {
      if (widestBlank > indent) abandon('blank lines wider than the block scalar’s first line');
      if (indent <= blockIndent && p < node.end) abandon('a block scalar not indented enough');
      return;
    }
    widestBlank = Math.max(widestBlank, indent);
    const newline = text.indexOf('\n', p);
    if (newline === -1) return;
    lineStart = newline + 1;
  }
}
