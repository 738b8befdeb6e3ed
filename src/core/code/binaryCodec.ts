/**
 * A little-endian byte writer and reader for the index cache: numbers, length-prefixed UTF-8
 * strings, and typed arrays aligned to 4 bytes so reading them is one copy.
 */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  /** Bytes already handed to `sink`. */
  private flushed = 0;

  /** With a sink (which must consume the bytes before returning), the buffer is passed on as it fills, so memory stays flat. */
  constructor(private readonly sink?: (chunk: Buffer) => void) {}

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.sink && this.pos > 0) {
      this.flush();
      if (n <= this.buf.length) return;
    }
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.pos);
    this.pos += 4;
  }

  f64(v: number): void {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.pos);
    this.pos += 8;
  }

  str(s: string): void {
    const len = Buffer.byteLength(s);
    this.u32(len);
    this.ensure(len);
    this.buf.write(s, this.pos, 'utf8');
    this.pos += len;
  }

  private align(): void {
    const pad = (4 - ((this.flushed + this.pos) % 4)) % 4;
    this.ensure(pad);
    this.buf.fill(0, this.pos, this.pos + pad);
    this.pos += pad;
  }

  /** Writes the element count, then the elements 4-byte aligned. */
  array(a: Uint8Array | Uint32Array | Int32Array): void {
    this.u32(a.length);
    this.align();
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** Passes the buffered bytes to the sink. */
  flush(): void {
    if (!this.sink || this.pos === 0) return;
    this.sink(this.buf.subarray(0, this.pos));
    this.flushed += this.pos;
    this.pos = 0;
  }

  /** Whether enough is buffered to be worth a flush. */
  get full(): boolean {
    return this.pos >= 4 << 20;
  }

  /** The bytes written (without a sink). */
  finish(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

export class ByteReader {
  private pos = 0;
  private readonly view: DataView;
  private readonly bytes: Uint8Array;

  constructor(input: Uint8Array) {
    // Typed views need the data 4-byte aligned in its ArrayBuffer; copy if it is not.
    this.bytes = input.byteOffset % 4 === 0 ? input : new Uint8Array(input);
    this.view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.bytes.length;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new RangeError('index cache is truncated');
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }

  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  str(): string {
    const len = this.u32();
    this.need(len);
    const s = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + this.pos, len).toString('utf8');
    this.pos += len;
    return s;
  }

  private align(): void {
    this.pos += (4 - (this.pos % 4)) % 4;
  }

  /** Start (in the ArrayBuffer) of the next aligned array of `count` elements of `width` bytes. */
  private raw(count: number, width: number): number {
    this.align();
    this.need(count * width);
    const start = this.bytes.byteOffset + this.pos;
    this.pos += count * width;
    return start;
  }

  // Arrays are views into the input's buffer, not copies: reading a large cache does not
  // hold it twice. (A view keeps the whole input alive; a cache is read once, at start.)
  u8s(): Uint8Array {
    const n = this.u32();
    return new Uint8Array(this.bytes.buffer, this.raw(n, 1), n);
  }

  u32s(): Uint32Array {
    const n = this.u32();
    return new Uint32Array(this.bytes.buffer, this.raw(n, 4), n);
  }

  i32s(): Int32Array {
    const n = this.u32();
    return new Int32Array(this.bytes.buffer, this.raw(n, 4), n);
  }
}
