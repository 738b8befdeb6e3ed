import { Transform, type TransformCallback } from 'node:stream';

/** The stdio transport's own limit (the SDK closes the connection past it); longer lines are dropped before it. */
export const maxStdioLineBytes = 10 * 1024 * 1024;
const edgeBytes = 256;

export type RequestId = string | number | null;

/**
 * The request id of a message too long to parse, from its first or last bytes: `{"jsonrpc":"2.0","id":…`
 * at the start, or `"id":…}` closing the outermost object (the SDK client writes the id last). Null
 * when neither is there.
 */
export function idOfDroppedLine(head: string, tail: string): RequestId {
  const id = /^\s*\{\s*"jsonrpc"\s*:\s*"2\.0"\s*,\s*"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")/.exec(head)?.[1] ?? /"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")\s*\}\s*$/.exec(tail)?.[1];
  return id === undefined ? null : (JSON.parse(id) as string | number);
}

/**
 * Passes standard input on a whole line at a time, and drops a line longer than maxBytes instead:
 * the SDK's stdio transport would otherwise close the session on it. `dropped` gets the line's
 * request id (when it can be seen) to answer it with an error. Memory stays bounded by maxBytes.
 */
export class StdioLineGuard extends Transform {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private dropping: { head: string; tail: Buffer; bytes: number } | undefined;

  constructor(
    private readonly dropped: (id: RequestId, bytes: number) => void,
    private readonly maxBytes = maxStdioLineBytes,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    for (let start = 0; start < chunk.length; ) {
      const newline = chunk.indexOf(10, start);
      const end = newline === -1 ? chunk.length : newline + 1;
      this.takePiece(chunk.subarray(start, end), newline !== -1);
      start = end;
    }
    done();
  }

  private takePiece(piece: Buffer, endsLine: boolean): void {
    if (this.dropping) {
      this.dropping.bytes += piece.length;
      this.dropping.tail = Buffer.concat([this.dropping.tail, piece]).subarray(-edgeBytes);
    } else {
      this.held.push(piece);
      this.heldBytes += piece.length;
      if (this.heldBytes > this.maxBytes) {
        const line = Buffer.concat(this.held);
        this.dropping = { head: line.subarray(0, edgeBytes).toString('utf8'), tail: line.subarray(-edgeBytes), bytes: line.length };
        this.held = [];
        this.heldBytes = 0;
      }
    }
    if (!endsLine) return;
    if (this.dropping) {
      const { head, tail, bytes } = this.dropping;
      this.dropping = undefined;
      this.dropped(idOfDroppedLine(head, tail.toString('utf8')), bytes);
    } else {
      this.push(Buffer.concat(this.held));
      this.held = [];
      this.heldBytes = 0;
    }
  }
}
