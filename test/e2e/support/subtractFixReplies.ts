import type { ScriptedReply } from '../../support/scriptedModelServer';

// The bug-fix workflow on the localize-js fixture's subtract bug, every step answered as it should be:
// localize src/math.js, a reproduction that fails, the one-line edit, the judge's and the reviewer's YES.
const localization = `<localization>${JSON.stringify({ files: [{ path: 'src/math.js', reason: 'subtract adds', symbols: ['subtract'] }], committed: ['src/math.js'] })}</localization>`;
const reproduction = '<reproduction path="repro_subtract.js" command="node repro_subtract.js">\nconst assert = require(\'node:assert\');\nassert.strictEqual(require(\'./src/math\').subtract(5, 3), 2);\n</reproduction>';
const edit = 'src/math.js\n```js\n<<<<<<< SEARCH\nfunction subtract(a, b) {\n  return a + b;\n}\n=======\nfunction subtract(a, b) {\n  return a - b;\n}\n>>>>>>> REPLACE\n```\n';

export const subtractFixReplies: ScriptedReply[] = [
  { when: { systemIncludes: 'You judge a bug reproduction' }, content: '<judgment>YES</judgment><reason>8 instead of 2.</reason>', times: Infinity },
  { when: { systemIncludes: 'You reproduce reported bugs' }, content: reproduction, times: Infinity },
  { when: { systemIncludes: 'You localize code' }, content: localization, times: Infinity },
  { when: { systemIncludes: 'You edit code' }, content: edit, times: Infinity },
  { when: { systemIncludes: 'code reviewer' }, content: '<review>subtract now subtracts.</review>\n<findings>[]</findings>\n<judgment>YES</judgment>', times: Infinity },
];
