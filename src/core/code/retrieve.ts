import { throwIfAborted } from '../errors';
import { candidateSymbols, type CandidateSymbol } from './candidateSymbols';
import type { CodeIndex } from './codeIndex';
import { filePrior } from './filePriors';
import { issueMentions, type IssueMentions } from './issueMentions';
import { pathScores, queryTerms, textScores, type QueryTerms } from './lexicalScore';
import { resolveDotted, resolvePath } from './mentionResolver';
import { graphScores } from './referenceGraph';
import { RetrievalSnapshot } from './retrievalSnapshot';
import { findHash, hashTerm } from './textTerms';

export interface RetrieveOptions {
  /** How many files to return (default 10). */
  top?: number;
  /** A file the user has open: a small boost. */
  activeFile?: string;
  signal?: AbortSignal;
}

export interface CandidateFile {
  /** Root-relative, `/` separators. */
  path: string;
  /** 0..1, relative to the best candidate of this query. */
  score: number;
  reason: string;
  symbols: CandidateSymbol[];
}

export interface RetrievalResult {
  files: CandidateFile[];
  mentions: IssueMentions;
  stats: { indexedFiles: number; searchedFiles: number; queryTerms: number; frames: number; milliseconds: number };
}

/** Weights of the evidence, before the file prior. */
const weights = { text: 1, path: 0.5, symbol: 1, mention: 1.5, frame: 1.5, graph: 0.4, active: 0.2 };
const graphSeeds = 8;
const graphPool = 200;

type Evidence = { text: Float64Array; path: Float64Array; symbol: Float64Array; mention: Float64Array; frame: Float64Array; graph: Float64Array };

function normalise(a: Float64Array): Float64Array {
  let max = 0;
  for (const v of a) if (v > max) max = v;
  if (max > 0) for (let i = 0; i < a.length; i++) a[i] /= max;
  return a;
}

function topIndices(scores: Float64Array, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] > 0) idx.push(i);
  idx.sort((a, b) => scores[b] - scores[a]);
  return idx.slice(0, k);
}

/**
 * Ranks the index's files for a task text: lexical match of text and path, definitions of the
 * identifiers the text names, files and modules it mentions, stack-trace frames, then a step
 * along the reference graph from the best candidates. Returns the top files with their likely symbols.
 */
export function retrieveCandidates(index: CodeIndex, text: string, options: RetrieveOptions = {}): RetrievalResult {
  const started = performance.now();
  throwIfAborted(options.signal);
  const snap = RetrievalSnapshot.of(index);
  const n = snap.files.length;
  const mentions = issueMentions(text);
  const q = queryTerms(text, mentions.code, mentions.identifiers);
  const ev: Evidence = {
    text: normalise(textScores(snap, q)),
    path: normalise(pathScores(snap, q)),
    symbol: normalise(symbolScores(snap, mentions)),
    mention: mentionScores(snap, mentions),
    frame: frameScores(snap, mentions),
    graph: new Float64Array(n),
  };
  throwIfAborted(options.signal);
  const active = options.activeFile !== undefined ? snap.ordinal.get(options.activeFile) : undefined;
  const pre = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    pre[f] =
      weights.text * ev.text[f] +
      weights.path * ev.path[f] +
      weights.symbol * ev.symbol[f] +
      weights.mention * ev.mention[f] +
      weights.frame * ev.frame[f] +
      (f === active ? weights.active : 0);
  }
  const pool = topIndices(pre, graphPool);
  const best = pool.length ? pre[pool[0]] : 1;
  ev.graph = normalise(graphScores(snap, pool.slice(0, graphSeeds).map((f) => ({ file: f, weight: pre[f] / best })), pool));
  const final = new Float64Array(n);
  for (let f = 0; f < n; f++) final[f] = (pre[f] + weights.graph * ev.graph[f]) * filePrior(snap.files[f]);
  const top = topIndices(final, options.top ?? 10);
  const max = top.length ? final[top[0]] : 1;
  const files = top.map((f) => ({
    path: snap.files[f].path,
    score: Math.round((final[f] / max) * 1000) / 1000,
    reason: reasonFor(snap, f, ev, q, mentions),
    symbols: candidateSymbols(snap.files[f], mentions, q),
  }));
  return {
    files,
    mentions,
    stats: { indexedFiles: index.size, searchedFiles: n, queryTerms: q.hashes.length, frames: mentions.frames.length, milliseconds: Math.round(performance.now() - started) },
  };
}

/** Definitions of named identifiers; a name defined in few files says more. */
function symbolScores(snap: RetrievalSnapshot, mentions: IssueMentions): Float64Array {
  const scores = new Float64Array(snap.files.length);
  for (const [id, w] of mentions.identifiers) {
    const files = snap.filesDefining(hashTerm(id.toLowerCase()));
    if (files.length === 0 || files.length > 50) continue;
    const share = w / Math.sqrt(files.length);
    for (const f of files) scores[f] += share;
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
    const files = resolveDotted(snap, d);
    for (const f of files) scores[f] = Math.max(scores[f], 0.8 / files.length);
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
  if (ev.path[f] >= 0.5) parts.push('path matches');
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
