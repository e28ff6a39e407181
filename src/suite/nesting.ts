// How deeply lists and mappings may nest in a YAML file promptgate reads. yaml composes, and
// everything after it (the schema check, the readers) walks, a document recursively: ten thousand
// `[` would exhaust the stack somewhere along the way, as a crash or a cryptic message. The depth
// is checked first, on yaml's syntax tree, without recursion.
import type { CST } from 'yaml';

/** Far above any real prompt file (a JSON schema ten objects deep nests about 30), far below the stack's limit. */
export const MAX_NESTING = 100;

export function tooDeepMessage(): string {
  return `lists and mappings nest more than ${MAX_NESTING} levels deep here; promptgate reads at most ${MAX_NESTING} levels: flatten the structure`;
}

/** The offset of the first collection (in file order) nested deeper than MAX_NESTING, if any. */
export function firstTooDeep(tokens: readonly CST.Token[]): number | undefined {
  // Depth-first, children pushed in reverse: collections come off the stack in file order.
  const stack: { token: CST.Token; depth: number }[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push({ token: tokens[i]!, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case 'document':
        if (token.value) stack.push({ token: token.value, depth });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (depth + 1 > MAX_NESTING) return token.offset;
        const items: readonly { key?: CST.Token | null; value?: CST.Token }[] = token.items;
        for (let i = items.length - 1; i >= 0; i--) {
          const item = items[i]!;
          if (item.value) stack.push({ token: item.value, depth: depth + 1 });
          if (item.key) stack.push({ token: item.key, depth: depth + 1 });
        }
        break;
      }
      default:
        break;
    }
  }
  return undefined;
}
