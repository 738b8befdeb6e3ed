// The SDK's MCP client over a real stdio child process running dist/cli.js mcp, and a byte
// snapshot of a repository's files.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { ClientCapabilities } from '@modelcontextprotocol/sdk/types.js';
import { cleanEnv, distCli } from './distCli';
import { makeTempDir } from './paths';

export interface McpChild {
  client: Client;
  /** What the server wrote to stderr so far. */
  stderr(): string;
  /** The server process's id (to signal it). */
  pid: number | null;
  close(): Promise<void>;
}

const open: McpChild[] = [];

export async function startMcpChild(args: string[], options: { capabilities?: ClientCapabilities; env?: Record<string, string>; setup?: (client: Client) => void } = {}): Promise<McpChild> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [distCli, 'mcp', ...args],
    env: cleanEnv({ ATOMIC_SKILLS_CACHE_DIR: makeTempDir('mcp-cache'), ...options.env }) as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const client = new Client({ name: 'atomic-skills-tests', version: '1.0.0' }, { capabilities: options.capabilities ?? {} });
  options.setup?.(client);
  await client.connect(transport);
  const child: McpChild = { client, stderr: () => stderr, pid: transport.pid, close: () => client.close() };
  open.push(child);
  return child;
}

export async function closeMcpChildren(): Promise<void> {
  await Promise.all(open.splice(0).map((c) => c.close().catch(() => undefined)));
}

/** Every file under dir (.git left out) with the hash of its bytes. */
export function snapshotFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.join(rel, entry.name);
      if (entry.name === '.git') continue;
      if (entry.isDirectory()) walk(child);
      else out[child] = crypto.createHash('sha256').update(fs.readFileSync(path.join(dir, child))).digest('hex');
    }
  };
  walk('');
  return out;
}
