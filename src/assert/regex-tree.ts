// The translated pattern as a tree: what is checked on the whole (RE2's repetition limit, an
// estimate of the compiled size) before it is written out in RE2's syntax.

export const WHY = 'promptgate matches patterns with RE2, which runs in time linear in the output';

/** RE2's own limit on copies made by counted repetition, nested counts multiplied. */
const MAX_REPEAT = 1000;

export type Node =
  | { kind: 'atom'; re2: string }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  /** modifiers: RE2 flags such as `i` or `-m` scoped to the group; '' for a plain group. */
  | { kind: 'group'; body: Node; modifiers: string }
  | { kind: 'repeat'; body: Node; min: number; max: number | undefined; lazy: boolean; written: string };

/** Thrown by the reader and by checkRepeats; translateToRe2 returns it as a value. */
export class Refusal {
  constructor(readonly reason: string) {}
}

/** Refuses what RE2 refuses: a count above 1,000, or nested counts whose product is. */
export function checkRepeats(node: Node, budget = MAX_REPEAT): void {
  switch (node.kind) {
    case 'atom':
      return;
    case 'seq':
      node.items.forEach((item) => checkRepeats(item, budget));
      return;
    case 'alt':
      node.options.forEach((option) => checkRepeats(option, budget));
      return;
    case 'group':
      checkRepeats(node.body, budget);
      return;
    case 'repeat': {
      if (node.max === 0) return;
      const copies = node.max ?? node.min;
      if (copies > budget) {
        const nested = budget < MAX_REPEAT ? ', counting the repetitions it is nested in' : '';
        throw new Refusal(
          `the repetition ${node.written} makes more than ${MAX_REPEAT} copies${nested}, RE2's limit; ` +
            'for a length limit use max-length or min-length, or repeat a shorter piece',
        );
      }
      checkRepeats(node.body, copies > 0 ? Math.floor(budget / copies) : budget);
    }
  }
}

/** Roughly RE2's instruction count: what matching time is proportional to, with the text's length. */
export function sizeOf(node: Node): number {
  switch (node.kind) {
    case 'atom':
      return 1;
    case 'seq':
      return node.items.reduce((sum, item) => sum + sizeOf(item), 0);
    case 'alt':
      return node.options.reduce((sum, option) => sum + sizeOf(option), 0) + node.options.length - 1;
    case 'group':
      return sizeOf(node.body);
    case 'repeat': {
      const body = sizeOf(node.body);
      if (node.max === undefined) return Math.max(node.min, 1) * body + 1;
      return node.min * body + (node.max - node.min) * (body + 1);
    }
  }
}

export function emit(node: Node): string {
  switch (node.kind) {
    case 'atom':
      return node.re2;
    case 'seq':
      return node.items.map(emit).join('');
    case 'alt':
      return node.options.map(emit).join('|');
    case 'group':
      return `(?${node.modifiers}:${emit(node.body)})`;
    case 'repeat':
      return emit(node.body) + quantifierText(node.min, node.max) + (node.lazy ? '?' : '');
  }
}

function quantifierText(min: number, max: number | undefined): string {
  if (max === undefined) return min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
  if (min === 0 && max === 1) return '?';
  return min === max ? `{${min}}` : `{${min},${max}}`;
}
