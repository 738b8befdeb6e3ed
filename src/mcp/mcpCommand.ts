import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { CliIo } from '../cli/cliIo';
import { mcpHttp } from './mcpHttp';
import { createMcpServer } from './mcpServer';
import { mcpSessionDeps, type McpOptions } from './mcpSession';
import { maxStdioLineBytes, StdioLineGuard } from './stdioLineGuard';
import { skillsAndWorkflows } from '../core/skills/skillsAndWorkflows';

export interface McpCommandOptions extends McpOptions {
  /** --http PORT: Streamable HTTP on 127.0.0.1 instead of stdio (0: any free port). */
  httpPort?: number;
}

/**
 * `atomic-skills mcp`: the skills and workflows as MCP tools, over stdio (until the client closes
 * standard input) or over Streamable HTTP on 127.0.0.1 (until the process is interrupted).
 * Standard output carries only the protocol; everything else goes to stderr.
 */
export async function mcpCommand(options: McpCommandOptions, io: CliIo): Promise<number> {
  const deps = mcpSessionDeps(options, io.env, io.err);
  if (options.httpPort !== undefined) {
    await mcpHttp(options.httpPort, () => createMcpServer(skillsAndWorkflows, deps), io);
    return 0;
  }
  const { server, settle } = createMcpServer(skillsAndWorkflows, deps);
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  // A line over the transport's limit would end the session: it is dropped and answered instead.
  const input = process.stdin.pipe(
    new StdioLineGuard((id, bytes) => {
      const message = `Request too large: ${bytes} bytes on one line; this server reads messages of up to ${maxStdioLineBytes / 1024 / 1024} MiB.`;
      void transport.send({ jsonrpc: '2.0', id, error: { code: ErrorCode.InvalidRequest, message } } as unknown as JSONRPCMessage).catch(() => undefined);
      deps.log(`protocol error: ${message}`);
    }),
  );
  const transport = new StdioServerTransport(input, process.stdout);
  // The SDK's stdio transport drops a line it cannot read: answer it as JSON-RPC says (id null) and keep serving.
  server.onerror = (err) => {
    const code = err instanceof SyntaxError ? ErrorCode.ParseError : err.name === 'ZodError' ? ErrorCode.InvalidRequest : undefined;
    if (code !== undefined) {
      const message = code === ErrorCode.ParseError ? 'Parse error: the line is not JSON.' : 'Invalid Request: not a JSON-RPC 2.0 message.';
      void transport.send({ jsonrpc: '2.0', id: null, error: { code, message } } as unknown as JSONRPCMessage).catch(() => undefined);
    }
    deps.log(`protocol error: ${err.message.split('\n')[0]}`);
  };
  await server.connect(transport);
  process.stdin.once('end', () => void server.close());
  io.signal.addEventListener('abort', () => void server.close(), { once: true });
  await closed;
  await settle();
  return 0;
}
