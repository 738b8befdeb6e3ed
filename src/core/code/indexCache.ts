import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ByteReader, ByteWriter } from './binaryCodec';
import type { FileRecord, SkipReason } from './codeTypes';
import type { AssetLocator } from './grammarLocator';
import { queryFiles, wasmFiles } from './languages';
import { isCancellation } from '../errors';
import { TimeSlicer } from './timeSlicer';

/**
 * The on-disk cache of an index: one binary file per workspace root in the caller's cache
 * folder. A cache is used only when its format version and fingerprint (queries, grammars,
 * size cap) match; anything else (older format, truncated file) is ignored and rebuilt.
 */
export const cacheFormatVersion = 3;
const magic = 0x58495341; // 'ASIX'
const skipCodes: (SkipReason | undefined)[] = [undefined, 'tooLarge', 'binary', 'minified', 'generated'];

export function cacheFileFor(cacheDir: string, root: string): string {
  const key = createHash('sha1').update(path.resolve(root)).digest('hex').slice(0, 16);
  return path.join(cacheDir, `code-index-${key}.bin`);
}

/** Changes whenever extraction would give different records for the same bytes. */
export function indexFingerprint(locate: AssetLocator, maxFileBytes: number): string {
  const h = createHash('sha1').update(`v${cacheFormatVersion};max=${maxFileBytes};`);
  for (const q of queryFiles()) h.update(q).update(fs.readFileSync(locate(`queries/${q}`)));
  for (const w of wasmFiles()) h.update(`${w}:${fs.statSync(locate(w)).size};`);
  return h.digest('hex').slice(0, 16);
}

/**
 * Writes the cache to a temporary file in chunks, then renames it over the old one. Each chunk
 * is written asynchronously, so a large index is saved without holding the thread.
 */
export async function writeIndexCache(file: string, fingerprint: string, records: Iterable<FileRecord>): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    // The writer hands over full buffers; they are written out every few MiB, so memory stays flat.
    const chunks: Buffer[] = [];
    let pending = 0;
    const w = new ByteWriter((chunk) => {
      chunks.push(Buffer.from(chunk));
      pending += chunk.length;
    });
    const drain = async () => {
      for (const c of chunks.splice(0)) await handle.write(c);
      pending = 0;
    };
    w.u32(magic);
    w.u32(cacheFormatVersion);
    w.str(fingerprint);
    for (const r of records) {
      writeRecord(w, r);
      if (w.full) w.flush();
      if (pending >= 4 << 20) await drain();
    }
    w.flush();
    await drain();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(tmp, file);
}

/** The cached records, or undefined when there is no usable cache; yields to the event loop while decoding. */
export async function readIndexCache(file: string, fingerprint: string, signal?: AbortSignal): Promise<FileRecord[] | undefined> {
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(file);
  } catch {
    return undefined;
  }
  const slicer = new TimeSlicer(signal);
  try {
    const r = new ByteReader(bytes);
    if (r.u32() !== magic || r.u32() !== cacheFormatVersion || r.str() !== fingerprint) return undefined;
    const out: FileRecord[] = [];
    while (!r.done) {
      out.push(readRecord(r));
      await slicer.tick();
    }
    return out;
  } catch (err) {
    if (isCancellation(err)) throw err;
    return undefined;
  }
}

function writeRecord(w: ByteWriter, r: FileRecord): void {
  w.str(r.path);
  w.f64(r.size);
  w.f64(r.mtimeMs);
  w.str(r.hash);
  w.str(r.language ?? '');
  w.u8(skipCodes.indexOf(r.skipped));
  w.u8((r.parseErrors ? 1 : 0) | (r.lossyText ? 2 : 0));
  w.u32(r.lineCount);
  const s = r.symbols;
  w.str(s.names.join('\n'));
  w.str(s.containers.join('\n'));
  w.str(s.signatures);
  w.array(s.kinds);
  w.array(s.lines);
  w.array(s.parents);
  w.array(r.refs);
  w.array(r.terms);
  w.array(r.termCounts);
}

function splitLines(s: string, count: number): string[] {
  return count === 0 ? [] : s.split('\n');
}

function readRecord(r: ByteReader): FileRecord {
  const filePath = r.str();
  const size = r.f64();
  const mtimeMs = r.f64();
  const hash = r.str();
  const language = r.str() || undefined;
  const skipped = skipCodes[r.u8()];
  const flags = r.u8();
  const lineCount = r.u32();
  const names = r.str();
  const containers = r.str();
  const signatures = r.str();
  const kinds = r.u8s();
  const record: FileRecord = {
    path: filePath,
    size,
    mtimeMs,
    hash,
    language,
    skipped,
    parseErrors: flags & 1 ? true : undefined,
    lossyText: flags & 2 ? true : undefined,
    lineCount,
    symbols: {
      names: splitLines(names, kinds.length),
      containers: splitLines(containers, kinds.length),
      signatures,
      kinds,
      lines: r.u32s(),
      parents: r.i32s(),
    },
    refs: r.u32s(),
    terms: r.u32s(),
    termCounts: r.u8s(),
  };
  if (record.symbols.names.length !== kinds.length) throw new RangeError('index cache record is inconsistent');
  return record;
}
