// Text files are UTF-8. Node's own decoding turns any other byte into U+FFFD without a word, so a
// prompt saved as Windows-1252 would reach the model with its curly quotes and accents replaced:
// promptgate refuses such a file instead, and says where the first bad byte is.
import { isUtf8 } from 'node:buffer';
import { readFile } from 'node:fs/promises';

export type Decoded = { ok: true; text: string } | { ok: false; line: number; column: number; message: string };

/** Reads a UTF-8 text file; I/O errors throw as readFile's do. */
export async function readUtf8File(path: string): Promise<Decoded> {
  return decodeUtf8(await readFile(path));
}

export function decodeUtf8(bytes: Uint8Array): Decoded {
  // The native check is fast; only a file that fails it is looked at byte by byte.
  if (isUtf8(bytes)) return { ok: true, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') };
  if (startsWithUtf16Mark(bytes)) {
    return { ok: false, line: 1, column: 1, message: 'the file is UTF-16 text (it starts with a UTF-16 byte order mark); save it as UTF-8' };
  }
  const bad = firstInvalidByte(bytes);
  // lastIndexOf counts a negative start from the end: at offset 0 there is simply no line before.
  const lineStart = bad === 0 ? 0 : bytes.lastIndexOf(0x0a, bad - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // Columns count characters as the YAML positions do (UTF-16 code units), so the two agree.
  const column = Buffer.from(bytes.buffer, bytes.byteOffset + lineStart, bad - lineStart).toString('utf8').length + 1;
  const byte = `0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
  return {
    ok: false,
    line,
    column,
    message: `byte ${byte} is not valid UTF-8: the file is in another encoding (often Windows-1252 or Latin-1); save it as UTF-8`,
  };
}

function startsWithUtf16Mark(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

/** The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return i;
}
