/**
 * GB18030 encoder (the standard `TextEncoder` writes UTF-8 only). The table is built once, lazily,
 * by decoding every two-byte GBK code and every four-byte BMP code with the platform's
 * `TextDecoder('gb18030')`, so encoding is the exact inverse of the decoding used on import.
 * Supplementary-plane characters use the algorithmic four-byte range from 0x90308130.
 */

let table: Map<number, number[]> | null = null;

function buildTable(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const text = decoder.decode(new Uint8Array([lead, trail]));
      const cp = text.codePointAt(0);
      if (text.length === 1 && cp !== undefined && cp !== 0xfffd && !map.has(cp)) map.set(cp, [lead, trail]);
    }
  }
  for (let b1 = 0x81; b1 <= 0x84; b1++) {
    for (let b2 = 0x30; b2 <= 0x39; b2++) {
      for (let b3 = 0x81; b3 <= 0xfe; b3++) {
        for (let b4 = 0x30; b4 <= 0x39; b4++) {
          const bytes = [b1, b2, b3, b4];
          const text = decoder.decode(new Uint8Array(bytes));
          const cp = text.codePointAt(0);
          const replacement = cp === 0xfffd && !(b1 === 0x84 && b2 === 0x31 && b3 === 0xa4 && b4 === 0x37);
          if (text.length === 1 && cp !== undefined && !replacement && !map.has(cp)) map.set(cp, bytes);
        }
      }
    }
  }
  return map;
}

/** Encodes text as GB18030 bytes; every Unicode scalar value has a code, lone surrogates become `?`. */
export function encodeGb18030(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (cp < 0x80) {
      out.push(cp);
      continue;
    }
    if (cp >= 0x10000) {
      let n = cp - 0x10000;
      const b4 = 0x30 + (n % 10);
      n = Math.floor(n / 10);
      const b3 = 0x81 + (n % 126);
      n = Math.floor(n / 126);
      const b2 = 0x30 + (n % 10);
      const b1 = 0x90 + Math.floor(n / 10);
      out.push(b1, b2, b3, b4);
      continue;
    }
    table ??= buildTable();
    const bytes = table.get(cp);
    if (bytes === undefined) out.push(0x3f);
    else out.push(...bytes);
  }
  return Uint8Array.from(out);
}
