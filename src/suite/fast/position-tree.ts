// Reads a file with js-yaml and builds, from its parse events, a light tree saying where every
// node starts and ends. js-yaml reports only "a node opened/closed here" with the value it built,
// so each node is built when it closes, from its children, and checked against that value: a key
// or item that cannot be accounted for exactly means the file uses something this reader does not
// model, and the fast path gives up.
import { load } from 'js-yaml';
import { FastPathAbandoned, abandon } from './abandon.js';
import { MAX_NESTING } from '../nesting.js';
import { YAML_CORE_SCHEMA } from './core-schema.js';
import { columnOf } from './text-position.js';

export type NodeStyle =
  | 'block-map'
  | 'flow-map'
  | 'block-seq'
  | 'flow-seq'
  | 'plain'
  | 'single-quoted'
  | 'double-quoted'
  | 'block-scalar'
  /** No content: `key:` with nothing after it. */
  | 'empty';

export interface PositionNode {
  style: NodeStyle;
  /** Offset of the first character; -1 for an empty node, whose start nothing needs. */
  start: number;
  /** Offset just after the last character of the content; for a block collection, of its last item's. */
  end: number;
  value: unknown;
  /**
   * A mapping's keys and values, alternating (key, value, key, value…), or a sequence's items; in
   * file order. Usually the very array the nodes were gathered in while parsing.
   */
  children: PositionNode[] | undefined;
}

export interface PositionTree {
  data: unknown;
  root: PositionNode;
  /** Every scalar with text of its own (keys included), in file order. */
  scalars: PositionNode[];
}

/** A node js-yaml has opened and not yet closed, with the nodes built inside it so far. */
interface OpenNode {
  open: number;
  children: PositionNode[] | undefined;
}

const NO_CHILDREN: PositionNode[] = [];

const UNMODELLED_START = new Set('&*!?%@`#,[]{}');

export function readPositionTree(text: string): PositionTree {
  const builder = new TreeBuilder(text);
  const stack: OpenNode[] = [];
  let depth = 0;
  let root: PositionNode | undefined;
  let data: unknown;
  try {
    data = load(text, {
      schema: YAML_CORE_SCHEMA,
      listener: (event, state) => {
        if (event === 'open') {
          // js-yaml recurses per level; nodes nest at most as deep as these events, so the precise
          // loader, which refuses a file nested too deeply, gets any file that may be.
          if (depth >= MAX_NESTING) abandon('deep nesting');
          // The stack's entries are reused: a file opens tens of thousands of nodes.
          const frame = (stack[depth++] ??= { open: 0, children: undefined });
          frame.open = state.position;
          frame.children = undefined;
          return;
        }
        const frame = stack[--depth]!;
        const node = builder.build(frame, state.position, state.kind, state.result);
        if (!node) return;
        if (depth > 0) (stack[depth - 1]!.children ??= []).push(node);
        else root = node;
      },
    });
  } catch (error) {
    if (error instanceof FastPathAbandoned) throw error;
    abandon(`js-yaml: ${(error as Error).message}`);
  }
  if (!root) abandon('no document');
  if (!Object.is(root.value, data)) abandon('the document node does not hold the document');
  return { data, root, scalars: builder.scalars };
}

class TreeBuilder {
  readonly scalars: PositionNode[] = [];

  constructor(private readonly text: string) {}

  /** The node for a closed event; undefined for one that produced nothing. */
  build(frame: OpenNode, close: number, kind: string | null, result: unknown): PositionNode | undefined {
    const children = frame.children ?? NO_CHILDREN;
    // js-yaml also opens and at once closes a node where it only looked for one (a key that
    // turned out to be a block scalar's `|`, say); such empty attempts produce nothing.
    if (kind === null && close === frame.open && children.length === 0) return undefined;
    // js-yaml reads some values through a nested call that produces the same value (a scalar
    // after `- `, a flow mapping as an item): the outer event adds nothing.
    if (children.length === 1 && Object.is(children[0]!.value, result) && kindOf(children[0]!) === kind) return children[0];
    if (kind === 'mapping') return this.mapping(frame, close, result as Record<string, unknown>);
    if (kind === 'sequence') return this.sequence(frame, close, result as unknown[]);
    if (children.length > 0) abandon(`a scalar with nodes inside at ${frame.open}`);
    if (kind === 'scalar') return this.scalar(frame.open, close, result);
    if (result !== null) abandon('an event without content that has some');
    // Only `end` of an empty node is ever used (by span-end.ts): where the text before it ends.
    return emptyNode(frame.open);
  }

  private scalar(open: number, close: number, value: unknown): PositionNode {
    const text = this.text;
    // Most scalars start where they were opened and end where they were closed; check before scanning.
    const start = isBlankOrComment(text.charCodeAt(open)) ? skipBlankAndComments(text, open) : open;
    const first = text[start];
    let style: NodeStyle = 'plain';
    if (first === '"') style = 'double-quoted';
    else if (first === "'") style = 'single-quoted';
    else if (first === '|' || first === '>') style = 'block-scalar';
    // Tags, anchors, aliases, explicit keys and reserved characters are not modelled.
    else if (first === undefined || UNMODELLED_START.has(first)) abandon(`a scalar starting with ${first} at ${start}`);
    const end = close > start && close <= text.length && !isBlankOrComment(text.charCodeAt(close - 1)) ? close : trimEnd(text, close, start);
    if ((style === 'double-quoted' || style === 'single-quoted') && (end - 1 <= start || text[end - 1] !== first)) {
      abandon(`a quoted scalar that does not end with its quote at ${start}`);
    }
    const node: PositionNode = { style, start, end, value, children: undefined };
    this.scalars.push(node);
    return node;
  }

  private mapping(frame: OpenNode, close: number, object: Record<string, unknown>): PositionNode {
    const start = skipBlankAndComments(this.text, frame.open);
    const flow = this.text[start] === '{';
    const children = frame.children ?? NO_CHILDREN;
    // Every value normally has a node of its own; `key:` with nothing after it may not.
    let pairs: PositionNode[] | undefined;
    for (let i = 0; i < children.length; i += 2) {
      const keyNode = children[i]!;
      const key = keyOf(keyNode);
      if (!Object.hasOwn(object, key)) abandon(`key "${key}" is not in the mapping`);
      const expected = object[key];
      const next = children[i + 1];
      if (next && (expected !== null || next.value === null)) {
        if (!Object.is(next.value, expected)) abandon(`the value of "${key}" is not where expected`);
        pairs?.push(keyNode, next);
      } else if (expected === null) {
        pairs ??= children.slice(0, i);
        pairs.push(keyNode, emptyNode(this.afterColon(keyNode, flow)));
        i--; // the next child is the next key
      } else {
        abandon(`no node for the value of "${key}"`);
      }
    }
    pairs ??= children;
    if (pairs.length === 0 && !flow) abandon('an empty block mapping');
    if (pairs.length / 2 !== Object.keys(object).length) abandon('mapping keys missing from the events');
    if (!flow && pairs[0]!.start !== start) abandon('a block mapping that does not start with its first key');
    const end = flow ? this.flowEnd(close, start, '}') : pairs[pairs.length - 1]!.end;
    return { style: flow ? 'flow-map' : 'block-map', start, end, value: object, children: pairs };
  }

  private sequence(frame: OpenNode, close: number, array: unknown[]): PositionNode {
    const start = skipBlankAndComments(this.text, frame.open);
    const flow = this.text[start] === '[';
    if (!flow && this.text[start] !== '-') abandon('a sequence that starts with neither [ nor -');
    const children = frame.children ?? NO_CHILDREN;
    // js-yaml opens no node for a `-` with nothing after it; such items can be told from the
    // others only if no other item is null.
    const withoutNode = array.length - children.length;
    if (withoutNode < 0 || (withoutNode > 0 && (flow || children.some((child) => child.value === null)))) {
      abandon('list items that cannot be told apart');
    }
    let items = children;
    if (withoutNode === 0) {
      for (let i = 0; i < array.length; i++) {
        if (!Object.is(children[i]!.value, array[i])) abandon('a list item that is not where expected');
      }
    } else {
      // After an empty item js-yaml takes a `-` at any indentation for the next one; yaml wants
      // them all in one column. (Elsewhere js-yaml checks that itself.)
      const column = columnOf(this.text, start);
      items = [];
      let next = 0;
      for (const value of array) {
        const dash = this.dashAfter(items[items.length - 1]?.end ?? start, column);
        if (value === null) {
          items.push(emptyNode(dash + 1));
          continue;
        }
        const item = children[next++]!;
        if (!Object.is(item.value, value)) abandon('a list item that is not where expected');
        if (item.start <= dash) abandon('a list item before its dash');
        items.push(item);
      }
    }
    if (!flow && items.length === 0) abandon('an empty block sequence');
    const end = flow ? this.flowEnd(close, start, ']') : items[items.length - 1]!.end;
    return { style: flow ? 'flow-seq' : 'block-seq', start, end, value: array, children: items };
  }

  private flowEnd(close: number, start: number, closing: string): number {
    const end = trimEnd(this.text, close, start);
    if (this.text[end - 1] !== closing) abandon(`a flow collection that does not end with ${closing}`);
    return end;
  }

  /** The `-` of the next list item: the next thing after the previous item, in the list's column. */
  private dashAfter(previousEnd: number, column: number): number {
    const dash = skipBlankAndComments(this.text, previousEnd);
    if (this.text[dash] !== '-' || columnOf(this.text, dash) !== column) abandon('a list item whose dash is not in line');
    return dash;
  }

  /** Where an empty value's text ends: after its `:`, which follows the key on the same line. */
  private afterColon(keyNode: PositionNode, flow: boolean): number {
    let p = keyNode.end;
    while (this.text[p] === ' ') p++;
    if (this.text[p] === ':') return p + 1;
    if (flow) return keyNode.end; // `{a}`: a key alone, whose position nothing needs
    abandon('an empty value without a colon');
  }
}

function emptyNode(end: number): PositionNode {
  return { style: 'empty', start: -1, end, value: null, children: undefined };
}

/** A key as yaml turns it into text; keys this reader does not model end the fast path. */
export function keyOf(keyNode: PositionNode): string {
  if (keyNode.style !== 'plain' && keyNode.style !== 'single-quoted' && keyNode.style !== 'double-quoted') abandon('a complex key');
  const value = keyNode.value;
  if (typeof value === 'string') return value;
  // yaml turns a null key into "", js-yaml into "null".
  if (value === null || typeof value === 'object') abandon('a null or collection key');
  return String(value);
}

export function isMapping(node: PositionNode): boolean {
  return node.style === 'block-map' || node.style === 'flow-map';
}

/** js-yaml's name for the kind of node. */
function kindOf(node: PositionNode): string | null {
  if (node.children) return isMapping(node) ? 'mapping' : 'sequence';
  return node.style === 'empty' ? null : 'scalar';
}

function isBlankOrComment(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x23;
}

/** js-yaml opens a node before the separating space, line breaks and comments that precede it. */
export function skipBlankAndComments(text: string, offset: number): number {
  let p = offset;
  for (;;) {
    const ch = text.charCodeAt(p);
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) p++;
    else if (ch === 0x23 /* # */) {
      const newline = text.indexOf('\n', p);
      p = newline === -1 ? text.length : newline;
    } else return p;
  }
}

/** The offset after the last non-blank character before `offset`, but not before `start`. */
function trimEnd(text: string, offset: number, start: number): number {
  let p = Math.min(offset, text.length);
  while (p > start) {
    const ch = text.charCodeAt(p - 1);
    if (ch !== 0x20 && ch !== 0x09 && ch !== 0x0a && ch !== 0x0d) break;
    p--;
  }
  return p;
}
