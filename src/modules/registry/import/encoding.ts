// Character encoding of an uploaded CSV: UTF-8 (with or without BOM) unless some byte sequence is not valid UTF-8,
// in which case the file came from an older Excel/LibreOffice "CSV (separato da ;)" save and is Windows-1252
// (a superset of Latin-1 that also has € and curly quotes). Detection scans the whole file as a stream, because a
// single "è" may sit on the last line of a UTF-8-looking file.
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type FileEncoding = 'utf-8' | 'utf-8-bom' | 'latin1';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Bytes at the end of `buf` that start a multi-byte sequence not finished in this chunk (0–3). */
export function incompleteUtf8Tail(buf: Uint8Array): number {
  const n = buf.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const b = buf[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/** Streaming scan: reads the file once in 1 MiB chunks, stops at the first invalid UTF-8 sequence. */
export async function detectEncoding(path: string): Promise<FileEncoding> {
  let first = true;
  let bom = false;
  let carry: Buffer | null = null;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
      if (first) {
        first = false;
        if (buf.length >= 3 && buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2]) {
          bom = true;
          buf = buf.subarray(3);
        }
      }
      const tail = incompleteUtf8Tail(buf);
      if (!isUtf8(buf.subarray(0, buf.length - tail))) return 'latin1';
      carry = tail ? Buffer.from(buf.subarray(buf.length - tail)) : null;
    }
  } finally {
    stream.destroy();
  }
  if (carry) return 'latin1'; // a sequence cut off by the end of the file
  return bom ? 'utf-8-bom' : 'utf-8';
}

/**
 * The file's text as a stream of string chunks (BOM removed). `onBytes` reports raw bytes read (progress bars).
 * UTF-8 goes through a streaming TextDecoder (sequences split across chunks are joined); Latin-1 through iconv-lite.
 */
export async function* decodedChunks(path: string, encoding: FileEncoding, onBytes?: (n: number) => void): AsyncGenerator<string> {
  const stream = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    if (encoding === 'latin1') {
      const decoder = iconv.getDecoder('win1252');
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        onBytes?.(chunk.length);
        const s = decoder.write(chunk);
        if (s) yield s;
      }
      const rest = decoder.end();
      if (rest) yield rest;
      return;
    }
    // ignoreBOM: false strips a leading BOM; fatal is off because the scan already proved the bytes valid.
    const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      onBytes?.(chunk.length);
      const s = decoder.decode(chunk, { stream: true });
      if (s) yield s;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}
