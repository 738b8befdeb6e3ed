import type { LocalizationResult, LocalizeInput } from '../../core/skills/localize/localizeTypes';
import type { CliPresenter } from '../cliPresenter';

/** The JSON `localize --json` prints. */
export interface LocalizeJson {
  files: LocalizationResult['files'];
  committed: string[];
  stats: Record<string, number | boolean>;
}

function localizeJson(result: LocalizationResult): LocalizeJson {
  return {
    files: result.files,
    committed: result.committed,
    stats: {
      retrievalOnly: result.retrievalOnly,
      ...result.stats,
      droppedPaths: result.dropped.length,
      toolCalls: result.toolCalls,
      repaired: result.repaired,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
    },
  };
}

function renderText(result: LocalizationResult): string {
  if (result.files.length === 0) return 'No candidate files.';
  const lines = result.files.map((f, i) => {
    const symbols = f.symbols.map((s) => `    ${s.kind} ${s.name} (lines ${s.startLine}-${s.endLine})`);
    return [`${i + 1}. ${f.path}  [${f.score.toFixed(3)}]`, `    ${f.reason}`, ...symbols].join('\n');
  });
  return `${lines.join('\n')}\n\n${result.retrievalOnly ? 'Committed (retrieval only: the top file)' : 'Committed'}: ${result.committed.join(', ')}`;
}

/** localize: the task from --issue FILE, no model with --retrieval-only, the ranking as text or {files, committed, stats}; exit 0. */
export const localizeCliPresenter: CliPresenter<LocalizeInput, LocalizationResult> = {
  properties: { task: { flag: 'issue', from: 'textFile' }, top: { value: 'K' } },
  help: `Ranks the files of DIR likely to need a change for the task text in FILE (- reads standard
input): top K (default 10) with score, reason and likely symbols, and the committed set of files
to change. The model navigates the code index (search text, find symbols, read skeletons and
lines) before it commits; paths it names that do not exist are dropped. --retrieval-only ranks
with the index alone (no model; the committed set is then the top file). --json prints
{files, committed, stats}.`,
  needsModel: (input) => !input.retrievalOnly,
  present(result, { io, json }) {
    if (json) io.out(JSON.stringify(localizeJson(result), null, 2));
    else {
      io.out(renderText(result));
      for (const d of result.dropped) io.err(`dropped ${d.path}: ${d.reason}`);
    }
    return 0;
  },
};
