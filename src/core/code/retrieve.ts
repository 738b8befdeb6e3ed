import { throwIfAborted } from '../errors';
import { candidateSymbols, type CandidateSymbol } from './candidateSymbols';
import type { CodeIndex } from './codeIndex';
import { issueMentions, type IssueMentions } from './issueMentions';
import { nameScores, pathScores, queryTerms, termMatches, textScores, type QueryTerms } from './lexicalScore';
import { resolveDotted, resolvePath } from './mentionResolver';
import { graphScores } from './referenceGraph';
import { RetrievalSnapshot } from './retrievalSnapshot';
import { withoutBoilerplate } from './taskBoilerplate';
import { findHash, hashTerm } from './textTerms';
import { titleCoverage, titleDefinitionScores, titleNameScores, titleTextScores } from './titleScore';

export interface RetrieveOptions {
  /** How many files to return (default 10). */
  top?: number;
  /** A file the user has open: a small boost. */
  activeFile?: string;
  /** Attach each candidate's evidence (for tuning and debugging). */
  explain?: boolean;
  signal?: AbortSignal;
}

export interface CandidateFile {
  /** Root-relative, `/` separators. */
  path: string;
  /** 0..1, relative to the best candidate of this query. */
  score: number;
  reason: string;
  symbols: CandidateSymbol[];
  /** With `explain`: each kind of evidence (0..1) and the file prior. */
  evidence?: Record<string, number>;
}

export interface RetrievalResult {
  files: CandidateFile[];
  mentions: IssueMentions;
  stats: { indexedFiles: number; searchedFiles: number; queryTerms: number; frames: number; milliseconds: number };
}

/** Weights of the evidence, before the file prior. */
const weights = { text: 1, path: 0.4, names: 0.3, symbol: 0.5, mention: 0.8, frame: 2.5, graph: 0.15, title: 0.4, titleCoverage: 0.3, titleName: 0.3, titleDefinition: 0.2, active: 0.2 };
/** The best files so far, reranked by evidence too costly to gather for every file. */
const rerankDepth = 60;
const graphSeeds = 8;
const graphPool = 200;

type Evidence = Record<'text' | 'path' | 'names' | 'symbol' | 'mention' | 'frame' | 'graph' | 'title' | 'titleCoverage' | 'titleName' | 'titleDefinition', Float64Array>;

function normalise(a: Float64Array): Float64Array {
  let max = 0;
  for (const v of a) if (v > max) max = v;
  if (max > 0) for (let i = 0; i < a.length; i++) a[i] /= max;
  return a;
}

/**
 * The k best-scoring indices (score > 0), best first, ties by index. One pass with a bounded
 * heap whose root is the worst kept: at 80k files most scores are turned away by one comparison.
 */
export function topIndices(scores: Float64Array, k: number): number[] {
  const heap: number[] = [];
  if (k <= 0) return heap;
  const worse = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b);
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let f = 0; f < scores.length; f++) {
    if (!(scores[f] > 0)) continue;
    if (heap.length < k) {
      heap.push(f);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if (!worse(heap[i], heap[parent])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (worse(heap[0], f)) {
      heap[0] = f;
      siftDown(0);
    }
  }
  return heap.sort((a, b) => scores[b] - scores[a] || a - b);
}

/**
 * Prepares retrieval statistics cooperatively (call after a build, before the first query, on
 * the extension host); `retrieveCandidates` then only scores. Without it the first query builds
 * them synchronously (about 2 s at 80k files, milliseconds for ordinary projects).
 */
export async function prepareRetrieval(index: CodeIndex, signal?: AbortSignal): Promise<void> {
  await RetrievalSnapshot.prepare(index, signal);
}

/**
 * Ranks the index's files for a task text (without its template headings and environment
 * report): lexical match of text and path, the title's words on their own, definitions of the
 * identifiers the text names, files and modules it mentions or links, stack-trace frames, then a
 * step along the reference graph from the best candidates, and a rerank of the best by how a
 * definition's name spells the title. Returns the top files with their likely symbols.
 */
export function retrieveCandidates(index: CodeIndex, text: string, options: RetrieveOptions = {}): RetrievalResult {
  const started = performance.now();
  throwIfAborted(options.signal);
  const snap = RetrievalSnapshot.of(index);
  const n = snap.files.length;
  const task = withoutBoilerplate(text);
  const mentions = issueMentions(task);
  const q = queryTerms(task, mentions);
  const df = new Map<number, number>();
  const matches = termMatches(snap, q);
  const ev: Evidence = {
    text: normalise(textScores(snap, q, df, matches)),
    path: normalise(pathScores(snap, q)),
    names: new Float64Array(0),
    symbol: normalise(symbolScores(snap, mentions, df)),
    mention: mentionScores(snap, mentions),
    frame: frameScores(snap, mentions),
    graph: new Float64Array(n),
    title: normalise(titleTextScores(snap, q, matches)),
    titleCoverage: titleCoverage(snap, q, matches),
    titleName: new Float64Array(n),
    titleDefinition: new Float64Array(n),
  };
  ev.names = normalise(nameScores(snap, q, df));
  throwIfAborted(options.signal);
  const active = options.activeFile !== undefined ? snap.ordinal.get(options.activeFile) : undefined;
  const pre = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    pre[f] =
      weights.text * ev.text[f] +
      weights.path * ev.path[f] +
      weights.names * ev.names[f] +
      weights.symbol * ev.symbol[f] +
      weights.mention * ev.mention[f] +
      weights.frame * ev.frame[f] +
      weights.title * ev.title[f] +
      weights.titleCoverage * ev.titleCoverage[f] +
      (f === active ? weights.active : 0);
  }
  const pool = topIndices(pre, graphPool);
  const best = pool.length ? pre[pool[0]] : 1;
  ev.graph = normalise(graphScores(snap, pool.slice(0, graphSeeds).map((f) => ({ file: f, weight: pre[f] / best })), pool));
  for (const [f, s] of titleNameScores(snap, q, pool)) ev.titleName[f] = s;
  const final = new Float64Array(n);
  for (let f = 0; f < n; f++) final[f] = (pre[f] + weights.graph * ev.graph[f] + weights.titleName * ev.titleName[f]) * snap.priors[f];
  // The rerank only raises files of the best `rerankDepth`, so the best `top` are among these and the next ones.
  const k = Math.max(0, options.top ?? 10);
  const ranked = topIndices(final, Math.max(k, rerankDepth));
  for (const [f, s] of titleDefinitionScores(snap, q, matches, ranked.slice(0, rerankDepth))) {
    ev.titleDefinition[f] = s;
    final[f] += weights.titleDefinition * s * snap.priors[f];
  }
  const top = ranked.sort((a, b) => final[b] - final[a] || a - b).slice(0, k);
  const max = top.length ? final[top[0]] : 1;
  const files = top.map((f) => ({
    path: snap.files[f].path,
    score: Math.round((final[f] / max) * 1000) / 1000,
    reason: reasonFor(snap, f, ev, q, mentions),
    symbols: candidateSymbols(snap.files[f], mentions, q),
    ...(options.explain ? { evidence: evidenceOf(ev, f, snap.priors[f]) } : {}),
  }));
  return {
    files,
    mentions,
    stats: { indexedFiles: index.size, searchedFiles: n, queryTerms: q.hashes.length, frames: mentions.frames.length, milliseconds: Math.round(performance.now() - started) },
  };
}

/**
 * Definitions of the identifiers the text uses as code; a name defined in few files says
 * more, and a definition with the same letter case more than one differing in case.
 */
function symbolScores(snap: RetrievalSnapshot, mentions: IssueMentions, df: Map<number, number>): Float64Array {
  const n = snap.files.length;
  const scores = new Float64Array(n);
  for (const [id, w] of mentions.identifiers) {
    if (w < 0.5) continue;
    const h = hashTerm(id.toLowerCase());
    const files = snap.filesDefining(h);
    if (files.length === 0 || files.length > 50) continue;
    // Rarer in the text of the repository, more telling (a name used everywhere names no place).
    const idf = Math.log(1 + n / Math.max(1, df.get(h) ?? files.length));
    const share = (w * idf) / Math.sqrt(files.length);
    const inTitle = mentions.title.includes(id) ? 1.5 : 1;
    for (const f of files) scores[f] += (snap.files[f].symbols.names.includes(id) ? share : share / 2) * inTitle;
  }
  // `Owner.member` written out: the file where member is defined inside Owner.
  for (const d of mentions.dotted) {
    const parts = d.split('.');
    if (parts.length < 2) continue;
    const [owner, member] = parts.slice(-2);
    for (const f of snap.filesDefining(hashTerm(member.toLowerCase()))) {
      const t = snap.files[f].symbols;
      if (t.names.some((name, i) => name === member && t.containers[i] === owner)) scores[f] += Math.log(1 + snap.files.length);
    }
  }
  return scores;
}

function mentionScores(snap: RetrievalSnapshot, mentions: IssueMentions): Float64Array {
  const scores = new Float64Array(snap.files.length);
  for (const written of mentions.paths) {
    const { files, matchedSegments } = resolvePath(snap, written);
    const hasDir = written.includes('/');
    const strength = hasDir && matchedSegments >= 2 ? 1 : 0.7;
    for (const f of files) scores[f] = Math.max(scores[f], strength / Math.sqrt(files.length));
  }
  for (const d of mentions.dotted) {
    const { files, isPackage } = resolveDotted(snap, d);
    const inCode = mentions.code.includes(d) ? 0.6 : 1; // imports in a reproduction say less than prose
    for (const f of files) scores[f] = Math.max(scores[f], ((isPackage ? 0.3 : 0.6) * inCode) / files.length);
    if (!isPackage || files.length !== 1) continue;
    // A package named: some credit to each of its modules.
    const p = snap.files[files[0]].path;
    const folder = p.slice(0, p.lastIndexOf('/') + 1);
    const members = snap.files.map((_, i) => i).filter((i) => snap.files[i].path.startsWith(folder));
    if (members.length <= 60) for (const f of members) scores[f] = Math.max(scores[f], 0.15);
  }
  return scores;
}

function frameScores(snap: RetrievalSnapshot, mentions: IssueMentions): Float64Array {
  const scores = new Float64Array(snap.files.length);
  let rank = 0;
  for (const frame of mentions.frames) {
    if (!frame.file) continue;
    const { files, matchedSegments } = resolvePath(snap, frame.file);
    if (files.length === 0 || (files.length > 1 && matchedSegments < 2)) continue;
    const strength = Math.pow(0.8, rank++);
    for (const f of files) scores[f] = Math.max(scores[f], strength / files.length);
  }
  return scores;
}

function evidenceOf(ev: Evidence, f: number, prior: number): Record<string, number> {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const out: Record<string, number> = {};
  for (const k of Object.keys(ev) as (keyof Evidence)[]) out[k] = round(ev[k][f]);
  return { ...out, prior };
}

function reasonFor(snap: RetrievalSnapshot, f: number, ev: Evidence, q: QueryTerms, mentions: IssueMentions): string {
  const parts: string[] = [];
  if (ev.mention[f] > 0) parts.push('named in the task');
  if (ev.frame[f] > 0) {
    const lines = mentions.frames.filter((fr) => fr.file && resolvePath(snap, fr.file).files.includes(f) && fr.line).map((fr) => fr.line);
    parts.push(`in the stack trace${lines.length ? ` (line ${[...new Set(lines)].slice(0, 3).join(', ')})` : ''}`);
  }
  if (ev.symbol[f] > 0) {
    const names = snap.files[f].symbols.names;
    const defined = [...mentions.identifiers.keys()].filter((id) => names.some((nm) => nm.toLowerCase() === id.toLowerCase()));
    if (defined.length) parts.push(`defines ${defined.slice(0, 3).map((d) => `\`${d}\``).join(', ')}`);
  }
  if (ev.titleName[f] >= 0.5) parts.push('named like the title');
  else if (ev.path[f] >= 0.5) parts.push('path matches');
  if (ev.text[f] > 0) {
    const terms = snap.files[f].terms;
    const hits = q.terms
      .map((t, j) => ({ t, w: q.weights[j], hit: findHash(terms, q.hashes[j]) >= 0 }))
      .filter((x) => x.hit)
      .sort((a, b) => b.w - a.w)
      .slice(0, 4)
      .map((x) => x.t);
    if (hits.length) parts.push(`mentions ${hits.join(', ')}`);
  }
  if (ev.graph[f] >= 0.3) parts.push('linked by references to other candidates');
  return parts.join('; ') || 'lexical match';
}
