import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OverlayLayer } from './runTypes';

/**
 * Mounts the overlay over the workspace itself (so every path stays the same) inside a new user
 * and mount namespace, then runs the rest. Paths are arguments, never part of the script.
 */
// The cd matters: a working directory taken before the mount is the folder under the overlay.
export const overlayFailed = { exitCode: 125, message: 'atomic-skills: the workspace overlay could not be mounted' };
const mountScript = `mount -t overlay overlay -o "lowerdir=$1,upperdir=$2,workdir=$3" "$1" && cd -- "$4" || { echo '${overlayFailed.message}' >&2; exit ${overlayFailed.exitCode}; }; shift 4; exec "$@"`;

/** Characters overlayfs's mount options would read as separators or escapes. */
const unsafeInOptions = /[,:\\\n]/;

const ids = () => ({ uid: String(process.getuid?.() ?? 0), gid: String(process.getgid?.() ?? 0) });

/**
 * The argv that runs `argv` with `layer` mounted over the workspace. The namespace's root user
 * exists only to mount; the program runs as the caller's uid again: bubblewrap (when `argv` is
 * its command line) maps it back with --uid/--gid in a nested user namespace, else a second
 * `unshare` does.
 */
export function overlayArgv(layer: OverlayLayer, argv: readonly string[], cwd: string, bwrap?: string): string[] {
  const { uid, gid } = ids();
  const inner = bwrap !== undefined && argv[0] === bwrap
    ? [argv[0], '--unshare-user', '--uid', uid, '--gid', gid, ...argv.slice(1)]
    : ['unshare', '--user', `--map-user=${uid}`, `--map-group=${gid}`, '--', ...argv];
  return ['unshare', '--user', '--map-root-user', '--mount', '--', 'sh', '-c', mountScript, 'atomic-overlay', layer.lower, layer.upper, layer.work, cwd, ...inner];
}

/** A fresh, empty layer over `lower` in the temp folder. */
export async function makeLayer(lower: string): Promise<OverlayLayer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'atomic-overlay-'));
  await fs.mkdir(path.join(dir, 'upper'));
  await fs.mkdir(path.join(dir, 'work'));
  return { lower, upper: path.join(dir, 'upper'), work: path.join(dir, 'work') };
}

/** Removes a layer; overlayfs leaves its work/work folder without permissions. */
export async function removeLayer(layer: OverlayLayer): Promise<void> {
  await fs.chmod(path.join(layer.work, 'work'), 0o700).catch(() => undefined);
  await fs.rm(path.dirname(layer.upper), { recursive: true, force: true }).catch(() => undefined);
}

const probes = new Map<string, Promise<boolean>>();

/**
 * Whether an overlay can be mounted over `root` here (Linux, unprivileged user namespaces,
 * overlayfs allowed in them: kernel 5.11+, util-linux's unshare), tried once per folder per
 * process by mounting one and running `true` in it.
 */
export function overlayWorks(root: string): Promise<boolean> {
  if (process.platform !== 'linux' || unsafeInOptions.test(root)) return Promise.resolve(false);
  let probe = probes.get(root);
  if (!probe) {
    probe = (async () => {
      const layer = await makeLayer(root).catch(() => undefined);
      if (!layer) return false;
      const argv = overlayArgv(layer, ['true'], root);
      const ok = await new Promise<boolean>((resolve) => execFile(argv[0], argv.slice(1), { timeout: 10_000 }, (err) => resolve(!err)));
      await removeLayer(layer);
      return ok;
    })();
    probes.set(root, probe);
  }
  return probe;
}
