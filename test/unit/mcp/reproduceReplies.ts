// The scripted model of the MCP consent tests: a reproduction of the localize-js subtract bug
// (`node repro.js`) and a judge that accepts it; `judged` counts how often the judge was asked
// (the script's output reaches it only when the script ran).
import type { ScriptedModelServer } from '../../support/scriptedModelServer';
import { startServer } from '../helpers/servers';

export const reproduceIssue = 'subtract(5, 3) gives 8, not 2';
const script = "const assert = require('node:assert');\nassert.strictEqual(require('./src/math').subtract(5, 3), 2);\n";

export function startReproduceServer(): Promise<ScriptedModelServer> {
  return startServer({
    replies: [
      { when: { systemIncludes: 'You judge' }, content: '<judgment>YES</judgment><reason>8 instead of 2.</reason>', times: Infinity },
      { when: { systemIncludes: 'You reproduce' }, content: `<reproduction path="repro.js" command="node repro.js">\n${script}</reproduction>`, times: Infinity },
    ],
  });
}

export function judged(server: ScriptedModelServer): number {
  return server.chatRequests().filter((r) => JSON.stringify(r.body.messages ?? []).includes('You judge')).length;
}
