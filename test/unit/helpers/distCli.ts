// The bundled CLI (dist/cli.js), rebuilt with the real build when it is missing or older than the sources,
// and run as a child process.
import { execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';

export const distCli = path.join(repoRoot, 'dist', 'cli.js');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Runs `node esbuild.mjs` (what `npm run build` does) unless dist/cli.js is newer than src/ and package.json. */
export async function ensureDistCli(): Promise<void> {
  const built = fs.existsSync(distCli) ? fs.statSync(distCli).mtimeMs : 0;
  const sources = Math.max(newestSourceTime(path.join(repoRoot, 'src')), fs.statSync(path.join(repoRoot, 'package.json')).mtimeMs);
  if (built > sources) return;
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, timeout: 120_000 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`building dist/cli.js failed: ${stderr || err.message}`)) : resolve(),
    );
  });
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment a child gets: this one without any ATOMIC_SKILLS_* or OPENAI_* variable, plus `env`. */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ATOMIC_SKILLS_') && !k.startsWith('OPENAI_')));
  return { ...base, ...env };
}

/** Runs a command asynchronously (the scripted server in this process must keep answering). */
export function runProcess(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? cleanEnv(), cwd: options.cwd ?? repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
