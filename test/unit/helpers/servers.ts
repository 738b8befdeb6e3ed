// Scripted model servers that close when the test file ends.
import { startScriptedModelServer, type ScriptedModelServer, type ScriptedModelServerOptions } from '../../support/scriptedModelServer';

const servers: ScriptedModelServer[] = [];

export async function startServer(options?: ScriptedModelServerOptions): Promise<ScriptedModelServer> {
  const server = await startScriptedModelServer(options);
  servers.push(server);
  return server;
}

/** Closes every server started by startServer (call from `after`). */
export function closeServers(): Promise<void> {
  return Promise.all(servers.splice(0).map((s) => s.close())).then(() => undefined);
}

/** The text of each message of a recorded chat request, role first ("user: ..."). */
export function messageTexts(body: { messages?: Array<{ role: string; content?: unknown }> }): string[] {
  return (body.messages ?? []).map((m) => `${m.role}: ${typeof m.content === 'string' ? m.content : JSON.stringify(m.content ?? null)}`);
}
