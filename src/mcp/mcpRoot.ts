import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import { repoFolder } from '../cli/repoFolder';
import type { McpSessionDeps } from './mcpSession';

export type McpExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * The workspace root: --repo, else the client's first file root, else the current folder.
 * `timeoutMs`: how long the client may take to answer roots/list (default: the SDK's).
 */
export async function rootOf(server: Server, deps: McpSessionDeps, extra: McpExtra, timeoutMs?: number): Promise<string> {
  if (deps.options.repo !== undefined) return repoFolder(deps.options.repo);
  if (server.getClientCapabilities()?.roots) {
    const { roots } = await server.listRoots(undefined, { signal: extra.signal, relatedRequestId: extra.requestId, ...(timeoutMs ? { timeout: timeoutMs } : {}) });
    const file = roots.find((r) => r.uri.startsWith('file:'));
    if (file) return repoFolder(fileURLToPath(file.uri));
  }
  return path.resolve('.');
}
