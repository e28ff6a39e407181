// Small helpers on offsets into the text.

/** 0-based column of an offset: the indentation yaml compares. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}
