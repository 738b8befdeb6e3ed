import type { RetrievalSnapshot } from './retrievalSnapshot';

/**
 * Resolves paths as a task text writes them (absolute, from another checkout, site-packages,
 * bare file names, dotted module paths) to files of the snapshot.
 */

/** Files whose path ends with the longest possible tail of `written`; bare names may match several. */
export function resolvePath(snap: RetrievalSnapshot, written: string): { files: number[]; matchedSegments: number } {
  const parts = written.replace(/\\/g, '/').split('/').filter((p) => p && p !== '.');
  const base = parts[parts.length - 1]?.toLowerCase();
  if (!base) return { files: [], matchedSegments: 0 };
  const candidates = snap.byBaseName.get(base) ?? [];
  let best: number[] = [];
  let bestLen = 0;
  for (const f of candidates) {
    const segs = snap.files[f].path.split('/');
    let k = 0;
    while (k < parts.length && k < segs.length && segs[segs.length - 1 - k].toLowerCase() === parts[parts.length - 1 - k].toLowerCase()) k++;
    if (k > bestLen) (best = [f]), (bestLen = k);
    else if (k === bestLen && k > 0) best.push(f);
  }
  return { files: best, matchedSegments: bestLen };
}

export const packageStems = ['__init__', 'index', 'mod', 'lib'];

/** Files whose path without extension ends with `tail` (segments, lower-case), by the last segment's stem. */
function filesEndingWith(snap: RetrievalSnapshot, tail: string[], stem: string): number[] {
  const suffix = tail.join('/');
  return (snap.byStem.get(stem) ?? []).filter((f) => {
    const p = snap.files[f].path.toLowerCase().replace(/\.[^./]+$/, '');
    return p === suffix || p.endsWith(`/${suffix}`);
  });
}

/**
 * Files a dotted name refers to as a module path (`pkg.mod.Class.method` → `pkg/mod.py`);
 * `isPackage` when that is a package's own file (`pkg/__init__.py`), which says less about
 * where in the package the change is.
 */
export function resolveDotted(snap: RetrievalSnapshot, dotted: string): { files: number[]; isPackage: boolean } {
  const parts = dotted.toLowerCase().split('.');
  for (let len = parts.length; len >= 2; len--) {
    const prefix = parts.slice(0, len);
    const modules = filesEndingWith(snap, prefix, prefix[len - 1]);
    if (modules.length > 0 && modules.length <= 3) return { files: modules, isPackage: false };
    for (const stem of packageStems) {
      const packages = filesEndingWith(snap, [...prefix, stem], stem);
      if (packages.length > 0 && packages.length <= 3) return { files: packages, isPackage: true };
    }
  }
  return { files: [], isPackage: false };
}

/** Whether a written path can denote `path`: their common tail covers the shorter of the two. */
export function pathSuffixMatches(path: string, written: string): boolean {
  const a = path.toLowerCase().split('/');
  const b = written.replace(/\\/g, '/').toLowerCase().split('/').filter((p) => p && p !== '.');
  let k = 0;
  while (k < a.length && k < b.length && a[a.length - 1 - k] === b[b.length - 1 - k]) k++;
  return k > 0 && k === Math.min(a.length, b.length);
}
