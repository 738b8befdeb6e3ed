// Imported first by src/cli.ts, so it runs before any dependency's module code: on an old Node the
// user gets this sentence, not an API error from deep inside a dependency (openai needs Node 22).
// Keep MINIMUM_NODE_MAJOR in step with package.json's engines.
export const MINIMUM_NODE_MAJOR = 22;

/** The refusal for a Node older than the minimum, or undefined when `version` ("v20.1.0") is supported. */
export function unsupportedNodeMessage(version: string, execPath: string): string | undefined {
  const major = Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);
  if (major >= MINIMUM_NODE_MAJOR) return undefined;
  return `atomic-skills needs Node.js ${MINIMUM_NODE_MAJOR} or later; this is Node ${version} (${execPath}). ` +
    'Install Node.js 22 or 24 (nodejs.org, or your package manager), or run it with the Node 24 that ' +
    '`npm test` and `npm start` fetch into .vscode-host/node/bin/node.';
}

const refusal = unsupportedNodeMessage(process.version, process.execPath);
if (refusal) {
  process.stderr.write(`${refusal}\n`);
  process.exit(2);
}
