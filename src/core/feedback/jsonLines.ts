/**
 * Streaming JSON Lines reading: a file is read in chunks and split on '\n' bytes (safe in UTF-8), so files of any size
 * are read without holding them in one string.
 */
import * as fs from 'node:fs';

export interface LineInfo {
  /** 1-based line number in the file. */
  number: number;
  /** False for a last line without its '\n' (a write that may have been cut). */
  terminated: boolean;
}

/** Calls `visit` for every non-blank line of the file, in order. */
export async function forEachLine(file: string, visit: (line: string, info: LineInfo) => void): Promise<void> {
  const stream = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let number = 0;
  const emit = (buf: Buffer, terminated: boolean) => {
    number++;
    let end = buf.length;
    if (end > 0 && buf[end - 1] === 0x0d) end--;
    const text = buf.toString('utf8', 0, end);
    if (text.trim() !== '') visit(text, { number, terminated });
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (let nl = chunk.indexOf(0x0a, start); nl >= 0; nl = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, nl);
      if (pendingBytes > 0) {
        emit(Buffer.concat([...pending, piece], pendingBytes + piece.length), true);
        pending = [];
        pendingBytes = 0;
      } else {
        emit(piece, true);
      }
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(chunk.subarray(start));
      pendingBytes += chunk.length - start;
    }
  }
  if (pendingBytes > 0) emit(Buffer.concat(pending, pendingBytes), false);
}
