// The MCP server against a model endpoint that misbehaves (the fault suite's hostile server): each
// fault ends the call as a tool error with the CLI's actionable text, within the timeouts, with the
// repository byte-identical and the key never shown; the session keeps serving afterwards.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { deltaEvent, emptyDelta, startHostileModelServer, type HostileBehaviour } from '../../support/hostileModelServer';
import { ensureDistCli } from '../helpers/distCli';
import { closeMcpChildren, snapshotFiles, startMcpChild } from '../helpers/mcpClient';
import { removeTempDirs } from '../helpers/paths';
import { createFixtureRepo, edit } from '../helpers/tempRepo';
import { toolText as text } from './mcpFixtures';

before(ensureDistCli, { timeout: 120_000 });
after(async () => {
  await closeMcpChildren();
  removeTempDirs();
});

const apiKey = 'sk-mcp-hostile-0123456789abcdef';

const faults: Array<{ fault: string; behaviour: HostileBehaviour; says: RegExp }> = [
  { fault: 'accepts and never answers', behaviour: { kind: 'silent' }, says: /No answer from the model endpoint at \S+ after \d+ attempts of 1 s each/ },
  { fault: 'empty events every 300 ms, forever', behaviour: { kind: 'drip', everyMs: 300, event: emptyDelta }, says: /No answer from the model endpoint[^]*it sent only empty events/ },
  { fault: 'content without end', behaviour: { kind: 'endless', everyMs: 0, text: 'and so on ' }, says: /passed 4000000 characters without finishing and was stopped/ },
  { fault: 'malformed event stream', behaviour: { kind: 'raw', events: [deltaEvent({ role: 'assistant', content: '' }), 'data: {not json\n\n'], end: 'end' }, says: /was cut before the reply finished \(Error reading response: malformed/ },
  { fault: '401 echoing the key', behaviour: { kind: 'status', status: 401, message: `Incorrect API key provided: Bearer ${apiKey}` }, says: /refused the API key \(HTTP 401: Incorrect API key provided: Bearer \[REDACTED:api-key\]\)/ },
  { fault: '429 with Retry-After: 120', behaviour: { kind: 'status', status: 429, headers: { 'retry-after': '120' } }, says: /429[^]*(2 min|120 s)/ },
];

describe('atomic-skills mcp against a hostile model endpoint', { concurrency: 3 }, () => {
  for (const { fault, behaviour, says } of faults) {
    it(`${fault}: a tool error with the actionable text, nothing changed, the session still serves`, async () => {
      const repo = createFixtureRepo('localize-js');
      edit(repo, 'src/math.js', 'return a * b;', 'return a * b + 1;');
      const server = await startHostileModelServer([behaviour]);
      try {
        const child = await startMcpChild(['--repo', repo.dir, '--base-url', server.url, '--model', 'm', '--timeout', '1', '--reply-timeout', '5'], { env: { ATOMIC_SKILLS_API_KEY: apiKey } });
        const before = snapshotFiles(repo.dir);
        const started = Date.now();
        const r = (await child.client.callTool({ name: 'review_changes', arguments: {} }, undefined, { timeout: 60_000 })) as CallToolResult;
        const ms = Date.now() - started;
        if (process.env.MCP_FAULT_LOG) console.log(`${fault} (${ms} ms): ${text(r)}`);
        assert.equal(r.isError, true, text(r));
        assert.match(text(r), says);
        assert.ok(ms < 30_000, `ended after ${ms} ms`);
        assert.ok(!text(r).includes(apiKey) && !child.stderr().includes(apiKey), 'the key is never shown');
        assert.deepEqual(snapshotFiles(repo.dir), before);
        const { tools } = await child.client.listTools();
        assert.ok(tools.some((t) => t.name === 'review_changes'), 'the session still serves');
      } finally {
        await server.close();
      }
    });
  }
});
