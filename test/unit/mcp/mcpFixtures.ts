// What the MCP tests share: a tool result's text, and the scripted replies for the localize-js
// fixture's subtract bug (localize src/math.js, then the one-line fix).
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export const toolText = (r: CallToolResult) => r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');

export const subtractLocalization = '<localization>{"files":[{"path":"src/math.js","reason":"subtract adds","symbols":["subtract"]}],"committed":["src/math.js"]}</localization>';

export const subtractFix = 'Fixed.\n\nsrc/math.js\n```js\n<<<<<<< SEARCH\nfunction subtract(a, b) {\n  return a + b;\n=======\nfunction subtract(a, b) {\n  return a - b;\n>>>>>>> REPLACE\n```\n';
