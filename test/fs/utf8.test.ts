import { describe, expect, test } from 'vitest';
import { decodeUtf8 } from '../../src/fs/utf8.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isValid(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

describe('decodeUtf8', () => {
  test('UTF-8 text comes back as it is, a byte order mark included (as readFile keeps it)', () => {
    const text = '\ufeffname: café “quoted” 😀\n';
    expect(decodeUtf8(new TextEncoder().encode(text))).toEqual({ ok: true, text });
  });

  test('a Windows-1252 file is refused at the line and column of its first bad byte', () => {
    // "content: “hi”" in Windows-1252: the quotes are 0x93 and 0x94.
    const bytes = Buffer.concat([Buffer.from('messages:\n  - role: user\n    content: '), Buffer.from([0x93]), Buffer.from('hi'), Buffer.from([0x94, 0x0a])]);
    expect(decodeUtf8(bytes)).toEqual({
      ok: false,
      line: 3,
      column: 14,
      message: 'byte 0x93 is not valid UTF-8: the file is in another encoding (often Windows-1252 or Latin-1); save it as UTF-8',
    });
  });

  test('the column counts characters, not bytes, before the bad byte', () => {
    // "é😀" is 6 bytes but 3 UTF-16 code units, as YAML positions count.
    const bytes = Buffer.concat([Buffer.from('x: é😀'), Buffer.from([0xe9, 0x0a])]);
    expect(decodeUtf8(bytes)).toMatchObject({ ok: false, line: 1, column: 7 });
  });

  test('UTF-16 is named as such', () => {
    expect(decodeUtf8(Buffer.from('\ufeffname: x\n', 'utf16le'))).toEqual({
      ok: false,
      line: 1,
      column: 1,
      message: 'the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8',
    });
  });

  test('agrees with a strict decoder on random bytes, and points at the first byte no valid text can continue from', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    // Mostly ASCII and well-formed sequences, with the occasional stray byte: the interesting boundaries.
    const pieces = ['a', '\n', 'é', '€', '😀', '\ufffd'].map((text) => [...new TextEncoder().encode(text)]);
    for (let round = 0; round < 2_000; round++) {
      const bytes: number[] = [];
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i++) {
        if (random() < 0.15) bytes.push(Math.floor(random() * 256));
        else bytes.push(...pieces[Math.floor(random() * pieces.length)]!);
      }
      const input = Uint8Array.from(bytes);
      if (input[0] === 0xff || input[0] === 0xfe) continue; // a UTF-16 mark, tested above
      const decoded = decodeUtf8(input);
      expect(decoded.ok, `bytes ${bytes.join(',')}`).toBe(isValid(input));
      if (decoded.ok) continue;
      // Where the first bad byte is: everything before it is valid, and no ending from it on is.
      const bad = offsetOf(input, decoded.line, decoded.column);
      expect(isValid(input.subarray(0, bad)), `bytes ${bytes.join(',')}`).toBe(true);
      for (let end = bad + 1; end <= Math.min(input.length, bad + 4); end++) expect(isValid(input.subarray(0, end)), `bytes ${bytes.join(',')}`).toBe(false);
    }
  });
});

/** The byte offset of a line and column (UTF-16 code units) in bytes valid up to that point. */
function offsetOf(bytes: Uint8Array, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) start = bytes.indexOf(0x0a, start) + 1;
  let offset = start;
  let units = 0;
  while (units < column - 1) {
    const lead = bytes[offset]!;
    const length = lead < 0x80 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
    units += length === 4 ? 2 : 1;
    offset += length;
  }
  return offset;
}
