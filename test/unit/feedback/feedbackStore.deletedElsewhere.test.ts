import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { FeedbackStore } from '../../../src/core/feedback/feedbackStore';
import { newLabelEvent } from '../../../src/core/feedback/recordBuilder';

test('a writer whose file another process deleted starts a new file instead of writing into the void', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'atomic-store-deleted-'));
  const writer = new FeedbackStore(folder);
  const other = new FeedbackStore(folder);
  await writer.append(newLabelEvent('r1', { kind: 'vote', value: 'helpful' }, 's')!);
  assert.equal(await other.deleteAll(), 1);
  await writer.append(newLabelEvent('r2', { kind: 'vote', value: 'unhelpful' }, 's')!);
  const { events } = await other.readEvents();
  assert.deepEqual(events.map((e) => (e.type === 'label' ? e.recordId : '')), ['r2']);
  await writer.close();
  fs.rmSync(folder, { recursive: true, force: true });
});
