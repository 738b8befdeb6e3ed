import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mcpProviderId } from '../core/manifest';
import type { ApiKeyStore } from './apiKeyStore';
import type { FeedbackService } from './feedback/feedbackService';
import { readSettings } from './settings';

type ServerEnv = Record<string, string | number | null>;

/**
 * The server's environment from the user's settings: the endpoint, model and limits, and where
 * preference data goes (the extension's own store, at the level chosen). Variables left unset are
 * removed (null), so a variable in the editor's own environment cannot redirect the server.
 */
function serverEnv(feedback: FeedbackService): ServerEnv {
  const { model } = readSettings();
  return {
    ELECTRON_RUN_AS_NODE: '1',
    ATOMIC_SKILLS_BASE_URL: model.baseUrl || null,
    ATOMIC_SKILLS_MODEL: model.name || null,
    ATOMIC_SKILLS_TIMEOUT_SECONDS: String(model.requestTimeoutMs / 1000),
    ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS: String(model.replyTimeoutMs / 1000),
    ATOMIC_SKILLS_FEEDBACK_LEVEL: feedback.level,
    ATOMIC_SKILLS_FEEDBACK_DIR: feedback.folder,
    ATOMIC_SKILLS_API_KEY: null,
    OPENAI_API_KEY: null,
  };
}

/**
 * The MCP server (the bundled dist/cli.js mcp) for chat sessions that take MCP servers but not
 * extension tools (the Agent Host, the Copilot harness): run by the editor's own Node
 * (process.execPath, ELECTRON_RUN_AS_NODE in desktop VS Code), the workspace from the client's
 * roots. The API key is added only when the server starts, and only the one stored for the
 * configured endpoint's origin. None is offered in Restricted Mode: its tools run git and code.
 */
export function registerMcpProvider(context: vscode.ExtensionContext, apiKeys: ApiKeyStore, feedback: FeedbackService): vscode.Disposable[] {
  const changed = new vscode.EventEmitter<void>();
  const cli = path.join(context.extensionPath, 'dist', 'cli.js');
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0');
  const provider: vscode.McpServerDefinitionProvider<vscode.McpStdioServerDefinition> = {
    onDidChangeMcpServerDefinitions: changed.event,
    provideMcpServerDefinitions() {
      if (!vscode.workspace.isTrusted) return [];
      const env = serverEnv(feedback);
      const server = new vscode.McpStdioServerDefinition('Atomic Skills', process.execPath, [cli, 'mcp'], env, `${version}+${createHash('sha256').update(JSON.stringify(env)).digest('hex').slice(0, 8)}`);
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (folder) server.cwd = folder.uri;
      return [server];
    },
    async resolveMcpServerDefinition(server) {
      const { baseUrl } = readSettings().model;
      const key = await apiKeys.get(baseUrl);
      if (key) server.env = { ...server.env, ATOMIC_SKILLS_API_KEY: key };
      return server;
    },
  };
  const refresh = () => changed.fire();
  return [
    changed,
    vscode.lm.registerMcpServerDefinitionProvider(mcpProviderId, provider),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('atomicSkills')) refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
    vscode.workspace.onDidChangeWorkspaceFolders(refresh),
    apiKeys.onDidChange(refresh),
  ];
}
