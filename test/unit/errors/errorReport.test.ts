import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import { errorMarkdown, errorReport } from '../../../src/core/errorReport';
import { noModelError } from '../../../src/core/model/modelSetupGuidance';

describe('errorReport: the error once, with what fixes it', () => {
  it('no model: the message, each server tried, Configure Model first and Show Log last', () => {
    const err = noModelError([
      { name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', problem: { reason: 'endpointUnreachable', message: '(ECONNREFUSED)' } },
      { name: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', models: [] },
    ]);
    const report = errorReport(err)!;
    assert.deepEqual(report.actions, ['configureModel', 'showLog']);
    assert.deepEqual(report.details, [
      'Ollama at http://127.0.0.1:11434/v1: nothing is listening (connection refused)',
      'LM Studio at http://127.0.0.1:1234/v1: running, but lists no models (load or pull one)',
    ]);
    const markdown = errorMarkdown(report);
    assert.equal(markdown.split(err.message.slice(0, 40)).length - 1, 1, 'the message appears once');
    assert.match(markdown, /\n\nTried:\n- Ollama at `http:\/\/127\.0\.0\.1:11434\/v1`: nothing is listening \(connection refused\)\n- LM Studio at `http:\/\/127\.0\.0\.1:1234\/v1`: running/);
  });

  it('an untrusted workspace: one message and Manage Workspace Trust', () => {
    const report = errorReport(new AtomicError('untrustedWorkspace', 'Generating tests runs code and this workspace is not trusted. Trust the folder to use it.'))!;
    assert.deepEqual(report.actions, ['manageTrust', 'showLog']);
    assert.equal(errorMarkdown(report), '**Error:** Generating tests runs code and this workspace is not trusted. Trust the folder to use it.\n\n');
  });

  it('keeps other details (a model reply, asset paths) out of the answer', () => {
    const report = errorReport(new AtomicError('modelReplyMalformed', 'The reply could not be read.', 'raw model text'))!;
    assert.deepEqual(report.details, []);
    assert.deepEqual(errorReport(new AtomicError('authentication', 'refused'))!.actions, ['setApiKey', 'showLog']);
  });

  it("URLs are code, without a sentence's final period", () => {
    const report = errorReport(new AtomicError('endpointUnreachable', 'Cannot reach the model endpoint at http://127.0.0.1:8000/v1. Check it.'))!;
    assert.equal(errorMarkdown(report), '**Error:** Cannot reach the model endpoint at `http://127.0.0.1:8000/v1`. Check it.\n\n');
    assert.deepEqual(report.actions, ['configureModel', 'showLog']);
  });

  it('nothing for a cancellation, and plain errors get Show Log', () => {
    assert.equal(errorReport(new AtomicError('cancelled', 'Cancelled.')), undefined);
    assert.deepEqual(errorReport(new Error('boom')), { message: 'boom', details: [], actions: ['showLog'] });
  });
});
