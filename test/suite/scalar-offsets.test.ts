import { describe, expect, test } from 'vitest';
import { sourceOffsetOf } from '../../src/suite/scalar-offsets.js';
import { YamlSource } from '../../src/suite/yaml-source.js';

/** Line and column of the `{{` of the first placeholder in key `k`'s value. */
function placeholderPosition(text: string): string {
  const source = new YamlSource(text);
  const node = source.nodeAt(['k'])!;
  const value = (node as unknown as { value: string }).value;
  const position = source.positionAt(sourceOffsetOf(text, node, value.indexOf('{{')));
  return `${position.line}:${position.column}`;
}

describe('sourceOffsetOf', () => {
  test('double-quoted escapes of every length', () => {
    expect(placeholderPosition('k: "\\x41\\u00e9\\U0001F600\\t{{v}}"\n')).toBe('1:27');
  });

  test('an escaped line break in a double-quoted scalar', () => {
    expect(placeholderPosition('k: "ab\\\n    cd {{v}}"\n')).toBe('2:8');
  });

  test('a block scalar with an indentation indicator and a comment on its header', () => {
    expect(placeholderPosition('k: |2  # note\n    indented {{v}}\n')).toBe('2:14');
  });

  test('a plain scalar folded over lines', () => {
    expect(placeholderPosition('k: one\n  two\n  three {{v}}\n')).toBe('3:9');
  });

  test('a non-string or out-of-range index falls back to the node start', () => {
    const text = 'k: 12\n';
    const source = new YamlSource(text);
    expect(sourceOffsetOf(text, source.nodeAt(['k'])!, 0)).toBe(3);
    const other = 'k: abc\n';
    expect(sourceOffsetOf(other, new YamlSource(other).nodeAt(['k'])!, 10)).toBe(3);
  });
});
