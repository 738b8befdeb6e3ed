import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AtomicError, errorMessage } from '../errors';
import type { MutationJournal, Restore } from '../mutate/mutationJournal';
import { restoreAll } from '../mutate/restoreAll';
import { isWithin } from '../workspacePaths';
import { makeLayer, overlayFailed, overlayWorks, removeLayer } from './overlayLayer';
import type { IsolationMode, RunIsolation, RunRequest, RunResult } from './runTypes';
import { bubblewrap } from './sandbox';
import { copyWorkspace, type WorkspaceCopy } from './workspaceCopy';
import { WorkspaceSnapshot } from './workspaceSnapshot';

/** A file the run sees changed: a patched file, a mutant, a generated test or reproduction script. */
export interface ViewFile {
  /** Workspace-relative. */
  path: string;
  content: string;
  /** A new file: the workspace must not have one there. */
  create?: boolean;
  /** What the real file must hold for the change to apply (its bytes, or a check that throws). */
  expected?: Buffer | ((current: Buffer) => void);
}

export interface ViewOptions {
  root: string;
  files?: readonly ViewFile[];
  /** Used only where the run has to happen in the real files (snapshot mode), so a crash cannot leave the change there. */
  journal?: MutationJournal;
  signal?: AbortSignal;
  onWait?: (file: string) => void;
}

/** ATOMIC_SKILLS_ISOLATION=overlay|copy|snapshot picks the mode (tests, or a platform where the default misbehaves). */
const modes: readonly IsolationMode[] = ['overlay', 'copy', 'snapshot'];

/** How runs over `root` are isolated here: the forced mode, else an overlay where one mounts, else a copy. */
export async function isolationMode(root: string, env: NodeJS.ProcessEnv = process.env): Promise<IsolationMode> {
  const forced = env.ATOMIC_SKILLS_ISOLATION?.trim();
  if (forced) {
    if (!modes.includes(forced as IsolationMode)) throw new AtomicError('configuration', `ATOMIC_SKILLS_ISOLATION is "${forced}"; use one of ${modes.join(', ')}.`);
    if (forced === 'overlay' && !(await overlayWorks(root))) throw new AtomicError('configuration', 'ATOMIC_SKILLS_ISOLATION is overlay, but an overlay cannot be mounted here (it needs Linux 5.11+, unprivileged user namespaces and util-linux\'s unshare); unset it to use a copy.');
    return forced as IsolationMode;
  }
  return (await overlayWorks(root)) ? 'overlay' : 'copy';
}

/**
 * Checks the files a run should see against the real workspace before anything is made: a new
 * file must not exist, a changed one must still hold what the change was made from.
 */
export async function checkViewFiles(root: string, files: readonly ViewFile[], contents = true): Promise<void> {
  for (const f of files) {
    const abs = path.join(root, f.path);
    if (!isWithin(root, abs) || abs === root) throw new AtomicError('outsideWorkspace', `${f.path} is not inside the workspace.`);
    if (f.create) {
      const exists = await fs.lstat(abs).then(() => true, (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw new AtomicError('usage', `Cannot create ${abs}: ${errorMessage(err)}`);
      });
      if (exists) throw new AtomicError('usage', `${abs} already exists; a temporary file may not replace it.`);
    } else if (f.expected !== undefined && contents) {
      const current = await fs.readFile(abs).catch((err: NodeJS.ErrnoException) => {
        throw new AtomicError('editNotApplied', err.code === 'ENOENT' ? `${abs} no longer exists; it was not changed.` : `Cannot read ${abs}: ${err.message}`);
      });
      if (typeof f.expected === 'function') f.expected(current);
      else if (!current.equals(f.expected)) throw new AtomicError('editNotApplied', `${abs} changed since this run read it; it was not changed.`);
    }
  }
}

async function writeFiles(dir: string, files: readonly ViewFile[]): Promise<void> {
  for (const f of files) {
    const abs = path.join(dir, f.path);
    await fs.mkdir(path.dirname(abs), { recursive: true });
    await fs.rm(abs, { force: true });
    await fs.writeFile(abs, f.content);
  }
}

async function inOverlay(run: (r: RunRequest) => Promise<RunResult>, request: RunRequest, options: ViewOptions): Promise<RunResult> {
  const layer = await makeLayer(options.root);
  try {
    // A file in the upper layer hides the workspace's own, so the run sees the change and the workspace never gets it.
    await writeFiles(layer.upper, options.files ?? []);
    const result = await run({ ...request, overlay: layer });
    return { ...result, isolation: { mode: 'overlay', restored: [] } };
  } finally {
    await removeLayer(layer);
  }
}

/** `p` with the workspace's root replaced by the copy's. */
const remap = (root: string, copy: string, p: string) => (p === root || p.startsWith(root + path.sep) ? copy + p.slice(root.length) : p);

async function inCopy(copy: WorkspaceCopy, run: (r: RunRequest) => Promise<RunResult>, request: RunRequest, options: ViewOptions): Promise<RunResult> {
  const root = options.root;
  try {
    await writeFiles(copy.dir, options.files ?? []);
    // Outside the sandbox a program can still reach the real workspace by its absolute path: check it too.
    const guard = request.sandbox && (await bubblewrap()) ? undefined : await WorkspaceSnapshot.take(root, options.signal);
    let result: RunResult;
    let restored: { restored: string[]; savedAt?: string } = { restored: [] };
    try {
      result = await run({
        ...request,
        argv: request.argv.map((a) => remap(root, copy.dir, a)),
        cwd: remap(root, copy.dir, request.cwd),
        ...(request.sandbox ? { sandbox: { writable: request.sandbox.writable.map((w) => remap(root, copy.dir, w)) } } : {}),
      });
    } finally {
      if (guard) restored = await guard.restore().finally(() => guard.dispose());
    }
    return { ...result, argv: request.argv, cwd: request.cwd, isolation: { mode: 'copy', ...(guard ? { guarded: true } : {}), ...restored } };
  } finally {
    await copy.remove();
  }
}

/**
 * With a journal, the given files are written first (each once no other run holds it, and only
 * while it still holds what the change was made from) and the snapshot is taken of the workspace
 * as the run starts, so it puts back the run's own writes and the journal then the originals.
 * Without one, the snapshot comes first and puts back the given files too.
 */
async function inSnapshot(run: (r: RunRequest) => Promise<RunResult>, request: RunRequest, options: ViewOptions): Promise<RunResult> {
  const { root, journal } = options;
  const files = options.files ?? [];
  const restores: Restore[] = [];
  let snapshot: WorkspaceSnapshot | undefined;
  let outcome: { result: RunResult } | { err: unknown };
  let restored: { restored: string[]; savedAt?: string } = { restored: [] };
  const problems: string[] = [];
  try {
    if (!journal) {
      snapshot = await WorkspaceSnapshot.take(root, options.signal);
      await writeFiles(root, files);
    } else {
      // In path order, so two runs changing overlapping files wait for each other instead of each holding one the other wants.
      for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
        const abs = path.join(root, f.path);
        if (f.create) restores.push(await journal.createTemporary(abs, f.content));
        else restores.push(await journal.mutate(abs, f.expected ?? (await fs.readFile(abs)), f.content, { signal: options.signal, onWait: () => options.onWait?.(f.path) }));
      }
      snapshot = await WorkspaceSnapshot.take(root, options.signal);
    }
    outcome = { result: await run(request) };
  } catch (err) {
    outcome = { err };
  } finally {
    try {
      if (snapshot) restored = await snapshot.restore(journal ? new Map() : new Map(files.map((f) => [f.path, f.content])));
    } catch (err) {
      problems.push(`The workspace could not be restored from its snapshot: ${errorMessage(err)}`);
    }
    problems.push(...(await restoreAll(restores)));
    await snapshot?.dispose();
  }
  // A file left changed matters more than why the run stopped, so that is what is reported.
  if (problems.length) throw new AtomicError('fileConflict', `Could not put every file back as it was: ${problems.join(' ')}`, 'err' in outcome ? `The run itself stopped: ${errorMessage(outcome.err)}` : undefined);
  if ('err' in outcome) throw outcome.err;
  return { ...outcome.result, isolation: { mode: 'snapshot', ...restored } };
}

/**
 * Runs model-written code (a reproduction, generated tests, tests against a mutant or a proposed
 * fix) against a throwaway view of the workspace with `files` changed, so nothing it writes is
 * kept: an overlay mounted over the workspace (same paths; writes land in a layer deleted
 * afterwards), else a temporary copy (same relative paths), else, when the copy cannot be made,
 * the real workspace with every change put back from a snapshot. Each run starts from the
 * workspace as it is; the result says which isolation it had.
 */
export async function runInView(run: (request: RunRequest) => Promise<RunResult>, request: RunRequest, options: ViewOptions): Promise<RunResult> {
  const root = path.resolve(options.root);
  const opts = { ...options, root };
  const mode = await isolationMode(root);
  // With a journal, snapshot mode checks the contents once it holds the file (another run may have it now).
  await checkViewFiles(root, options.files ?? [], !(mode === 'snapshot' && options.journal));
  if (mode === 'overlay') {
    const result = await inOverlay(run, request, opts);
    // Mounted when probed, refused now (the workspace moved to another file system): a copy will do.
    if (result.exitCode !== overlayFailed.exitCode || !result.output.includes(overlayFailed.message)) return result;
  }
  if (mode !== 'snapshot') {
    let copy: WorkspaceCopy | undefined;
    try {
      copy = await copyWorkspace(root, options.signal);
    } catch (err) {
      if (options.signal?.aborted) throw new AtomicError('cancelled', 'Cancelled before the run started.');
      // A forced copy fails plainly; otherwise the last resort is the workspace itself with a snapshot.
      if (process.env.ATOMIC_SKILLS_ISOLATION === 'copy') throw new AtomicError('configuration', `Could not make a temporary copy of the workspace: ${errorMessage(err)}`);
    }
    if (copy) return inCopy(copy, run, request, opts);
  }
  return inSnapshot(run, request, opts);
}

/** One line for a result: how the run was kept from changing the workspace. */
export function describeIsolation(isolation: RunIsolation | undefined): string {
  if (!isolation) return 'The run was not isolated from the workspace.';
  const back = isolation.restored.length
    ? ` It changed ${isolation.restored.join(', ')}; each was put back${isolation.savedAt ? ` (the run's versions are in ${isolation.savedAt})` : ''}.`
    : '';
  if (isolation.mode === 'overlay') return 'Ran in a throwaway overlay of the workspace: nothing it wrote was kept.';
  if (isolation.mode === 'copy') return `Ran in a temporary copy of the workspace: nothing it wrote was kept.${isolation.guarded ? ' Not sandboxed, so the workspace itself was checked before and after too.' : ''}${back}`;
  return `Ran in the workspace itself (no overlay or copy was possible), checked before and after: ${isolation.restored.length ? 'every change was undone.' : 'it changed nothing.'}${back}`;
}
