import { summarizeReproduction } from '../../core/skills/reproduce/reproduceSkill';
import type { ReproduceInput, ReproductionResult } from '../../core/skills/reproduce/reproduceTypes';
import { booleanFlag, yesFlag } from '../cliFlags';
import type { CliPresenter } from '../cliPresenter';
import { writeNewFile } from '../writeNewFile';

/** reproduce: the issue from --issue FILE, the script written with --keep when reproduced; exit 1 when not reproduced. */
export const reproduceCliPresenter: CliPresenter<ReproduceInput, ReproductionResult> = {
  properties: { issue: { from: 'textFile' } },
  flags: [{ name: 'keep', type: 'boolean', description: 'Write the script into DIR when it reproduces the issue.' }, yesFlag],
  runs: 'run a model-written reproduction script',
  help: `Asks the model for a minimal script that shows the bug in the issue FILE (- reads standard
input), and the command to run it. It is run on the current code (in a throwaway view of the
workspace); it must fail, and the model judges whether the failure is the one the issue
describes (up to 3 attempts). Exit 0 when reproduced, 1 when not. --keep writes the script into
DIR when reproduced. Runs model-written code: asked about at a terminal, or allowed with --yes.`,
  async present(result, { values, root, io, json }) {
    const written = result.reproduced && result.script && booleanFlag(values, 'keep') ? (await writeNewFile(root, result.script.path, result.script.content), [result.script.path]) : [];
    if (json) io.out(JSON.stringify({ ...result, written }, null, 2));
    else io.out(summarizeReproduction(result) + (written.length ? `\n\nWrote ${written[0]}.` : ''));
    return result.reproduced ? 0 : 1;
  },
};
