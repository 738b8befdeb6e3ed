// Shared setup for the edit tests: in-memory files, a parse checker with the real grammars.
import { codeAssetDirs } from '../../../src/cli/codeAssets';
import { grammarLocator } from '../../../src/core/code/grammarLocator';
import { TreeSitterLoader } from '../../../src/core/code/treeSitterLoader';
import { type ApplyOptions, applyPlan, type EditFiles } from '../../../src/core/edits/applyPlan';
import type { ApplyResult, BlockResult, EditPlan, FileEditResult } from '../../../src/core/edits/editPlan';
import { parseEditReply } from '../../../src/core/edits/editReplyParser';
import { type ParseChecker, treeSitterParseChecker } from '../../../src/core/edits/parseGuard';

/** Files in memory under a root that does not exist on disk (no symlinks to resolve). */
export function memoryFiles(files: Record<string, string>, root = '/nonexistent-workspace'): EditFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    root,
    reads,
    read: async (p) => {
      reads.push(p);
      return Object.prototype.hasOwnProperty.call(files, p) ? files[p] : undefined;
    },
  };
}

let loader: TreeSitterLoader | undefined;

/** The real tree-sitter parse checker (grammars from node_modules, loaded once per process). */
export function realChecker(): ParseChecker {
  loader ??= new TreeSitterLoader(grammarLocator(codeAssetDirs()));
  return treeSitterParseChecker(loader);
}

export function disposeChecker(): void {
  loader?.dispose();
  loader = undefined;
}

/** Parses a reply and applies it to in-memory files. */
export async function applyReply(reply: string, files: Record<string, string>, options: ApplyOptions = {}): Promise<ApplyResult> {
  const parsed = parseEditReply(reply);
  return applyPlan(parsed.plan, memoryFiles(files), { ...options, problems: [...(options.problems ?? []), ...parsed.problems] });
}

export async function applyEdits(plan: EditPlan, files: Record<string, string>, options: ApplyOptions = {}): Promise<ApplyResult> {
  return applyPlan(plan, memoryFiles(files), options);
}

export function fileResult(result: ApplyResult, path: string): FileEditResult {
  const f = result.files.find((x) => x.path === path);
  if (!f) throw new Error(`no result for ${path}; have ${result.files.map((x) => x.path).join(', ')}`);
  return f;
}

export function block(result: ApplyResult, path: string, index: number): BlockResult {
  const b = result.blocks.find((x) => x.path === path && x.index === index);
  if (!b) throw new Error(`no block ${path}#${index}; have ${result.blocks.map((x) => `${x.path}#${x.index}`).join(', ')}`);
  return b;
}

/** A search/replace reply for one file. */
export function srReply(path: string, search: string, replace: string): string {
  return `${path}\n\`\`\`\n<<<<<<< SEARCH\n${search}=======\n${replace}>>>>>>> REPLACE\n\`\`\`\n`;
}
