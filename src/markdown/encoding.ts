/**
 * A Markdown file's bytes → text. Files must be UTF-8 (GitHub assumes it too); a file that is not
 * is reported at the first byte that is not UTF-8 rather than published as `�` characters.
 */

/** The decoded text (a leading BOM removed), and where the first invalid byte is, if any. */
export function decodeUtf8(bytes: Uint8Array): {
  text: string;
  invalid?: { line: number; column: number; byte: number };
} {
  const text = new TextDecoder('utf-8').decode(bytes);
  const offset = firstInvalidByte(bytes);
  if (offset === undefined) return { text };
  // Lines and columns of the valid prefix (columns count characters, as editors show them).
  const before = new TextDecoder('utf-8').decode(bytes.subarray(0, offset));
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = 0; i < before.length; i++) if (before.charCodeAt(i) === 0x0a) line++;
  return {
    text,
    invalid: { line, column: [...before.slice(lineStart)].length + 1, byte: bytes[offset] },
  };
}

/** Offset of the first byte that does not start or continue a well-formed UTF-8 sequence. */
export function firstInvalidByte(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f; // no UTF-16 surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < low || c > high : c < 0x80 || c > 0xbf) return i;
    }
    i += length;
  }
  return undefined;
}
