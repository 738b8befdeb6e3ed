// A bug-fix workflow on the localize-js fixture (subtract adds) against the scripted model:
// the replies of every step, and a real SkillContext (code index, runner, journal).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SkillContext } from '../../../src/core/skills/skillTypes';
import type { WorkflowHost } from '../../../src/core/workflows/workflowRunner';
import { openIndex } from '../localize/localizeSupport';
import { runningContext } from '../helpers/runningContext';
import { fixturesDir, makeTempDir } from '../helpers/paths';

export const issue = 'Evaluating `5 - 3` prints 8 instead of 2: subtract adds.';

export const replies = {
  localize: `<localization>${JSON.stringify({ files: [{ path: 'src/math.js', reason: 'subtract adds', symbols: ['subtract'] }], committed: ['src/math.js'] })}</localization>`,
  reproduce: '<reproduction path="repro.js" command="node repro.js">\nconst assert = require(\'node:assert\');\nassert.strictEqual(require(\'./src/math\').subtract(5, 3), 2);\n</reproduction>',
  judgeYes: '<judgment>YES</judgment><reason>8 instead of 2.</reason>',
  goodEdit: 'src/math.js\n```js\n<<<<<<< SEARCH\nfunction subtract(a, b) {\n  return a + b;\n}\n=======\nfunction subtract(a, b) {\n  return a - b;\n}\n>>>>>>> REPLACE\n```\n',
  uselessEdit: 'src/math.js\n```js\n<<<<<<< SEARCH\nfunction subtract(a, b) {\n  return a + b;\n}\n=======\nfunction subtract(a, b) {\n  return b + a;\n}\n>>>>>>> REPLACE\n```\n',
  reviewYes: '<review>subtract now subtracts.</review>\n<findings>[]</findings>\n<judgment>YES</judgment>',
};

export function bugProject(): string {
  const root = path.join(makeTempDir('workflow'), 'repo');
  fs.cpSync(path.join(fixturesDir, 'localize-js'), root, { recursive: true });
  return root;
}

export function workflowHost(root: string, url: string, signal = new AbortController().signal): WorkflowHost & { progress: string[] } {
  const index = openIndex(root);
  const progress: string[] = [];
  const context: SkillContext = {
    ...runningContext(root, url, [], signal),
    codeIndex: async (s) => {
      await index.refresh({ signal: s });
      return index;
    },
    progress: (m) => progress.push(m),
  };
  return { context, progress };
}
