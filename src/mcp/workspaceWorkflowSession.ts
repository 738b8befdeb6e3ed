import * as path from 'node:path';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { errorMessage } from '../core/errors';
import type { WorkflowFileError } from '../core/workflows/workflowLoader';
import { rootOf, type McpExtra } from './mcpRoot';
import type { McpSessionDeps } from './mcpSession';
import { watchWorkflowFolder, type FolderWatch } from './workflowFolderWatch';
import { loadWorkspaceWorkflowTools, toolNameOfFile, type WorkspaceWorkflowTool } from './workspaceWorkflowTools';
/** A tools/list waits this long for the client's roots; then it lists the built-ins only. */
const rootsTimeoutMs = 5_000;

/**
 * One session's view of the repository's own workflows: read afresh on each tools/list and each
 * call, invalid files logged to stderr (once per change of what is wrong), and the folder
 * watched (through its deletion and re-creation) so that a change to the listed tools sends
 * notifications/tools/list_changed, and a change that lists the same tools sends nothing.
 */
export class WorkspaceWorkflowSession {
  private lastLogged = '';
  private folderWatch: FolderWatch | undefined;
  private watchedRoot: string | undefined;
  /** The tools as last listed or announced. */
  private listed: string | undefined;

  constructor(
    private readonly server: Server,
    private readonly deps: McpSessionDeps,
  ) {}

  async list(extra: McpExtra): Promise<WorkspaceWorkflowTool[]> {
    const loaded = await this.load(extra, rootsTimeoutMs);
    if (loaded) this.listed = fingerprint(loaded.tools);
    return loaded?.tools ?? [];
  }

  /** The tool a call names, read now, or why there is none (deleted since the list, invalid). */
  async find(name: string, extra: McpExtra): Promise<{ root: string; tool: WorkspaceWorkflowTool } | { error: string }> {
    const loaded = await this.load(extra);
    if (!loaded) return { error: `${name}: the repository's workflows cannot be read (see the server's log).` };
    const tool = loaded.tools.find((t) => t.tool.name === name);
    if (tool) return { root: loaded.root, tool };
    const invalid = loaded.errors.find((e) => toolNameOfFile(e.file) === name);
    if (invalid) return { error: `${name}: ${invalid.file} is not a valid workflow: ${invalid.message}` };
    const listed = loaded.tools.map((t) => t.tool.name);
    const others = loaded.errors.length ? `\nInvalid workflow files:\n${loaded.errors.map(line).join('\n')}` : '';
    return { error: `${name}: no workflow in ${path.join(loaded.root, '.atomic', 'workflows')} has this tool name (deleted or renamed since the tools were listed?). The repository's workflow tools: ${listed.join(', ') || 'none'}.${others}` };
  }

  dispose(): void {
    this.folderWatch?.close();
    this.folderWatch = undefined;
    this.watchedRoot = undefined;
  }

  private async load(extra: McpExtra, rootsTimeout?: number): Promise<{ root: string; tools: WorkspaceWorkflowTool[]; errors: WorkflowFileError[] } | undefined> {
    let root: string;
    try {
      root = await rootOf(this.server, this.deps, extra, rootsTimeout);
    } catch (err) {
      this.deps.log(`the repository's workflows are not listed: ${errorMessage(err)}`);
      return undefined;
    }
    const { tools, errors } = await loadWorkspaceWorkflowTools(root);
    const report = errors.map(line).join('\n');
    if (report && report !== this.lastLogged) for (const e of errors) this.deps.log(`workflow not offered: ${line(e)}`);
    this.lastLogged = report;
    this.watch(root);
    return { root, tools, errors };
  }

  private watch(root: string): void {
    if (this.folderWatch && this.watchedRoot === root) return;
    this.dispose();
    this.watchedRoot = root;
    this.folderWatch = watchWorkflowFolder(root, () => void this.recheck(root).catch((err) => this.deps.log(`the repository's workflows were not read again: ${errorMessage(err)}`)));
  }

  private async recheck(root: string): Promise<void> {
    const now = fingerprint((await loadWorkspaceWorkflowTools(root)).tools);
    if (now === this.listed || this.watchedRoot !== root) return;
    this.listed = now;
    await this.server.sendToolListChanged().catch(() => undefined);
  }
}

const fingerprint = (tools: WorkspaceWorkflowTool[]) => JSON.stringify(tools.map((t) => t.tool));
const line = (e: WorkflowFileError) => `${e.file}: ${e.message}`;
