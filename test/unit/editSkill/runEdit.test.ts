import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { editFeedback, proposedFiles, runEdit } from '../../../src/core/skills/edit';
import { removeTempDirs } from '../helpers/paths';
import { closeServers, messageTexts, startServer } from '../helpers/servers';
import { editContext, fixedMathJs, makeProject, mathJs, srReply } from './editSkillSupport';

after(async () => {
  await closeServers();
  removeTempDirs();
});

const instruction = 'add() subtracts; make it add.';
const onDisk = (dir: string) => fs.readFileSync(path.join(dir, 'src', 'math.js'), 'utf8');

describe('runEdit', () => {
  it('applies SEARCH/REPLACE text: proposes the new content and a diff, writes nothing', async () => {
    const dir = makeProject();
    const server = await startServer({ replies: [{ when: { systemIncludes: 'You edit code' }, content: srReply('  return a - b;', '  return a + b;'), usage: { prompt_tokens: 100, completion_tokens: 20 } }] });
    const { result, transcript, tools } = await runEdit({ instruction, files: ['src/math.js'] }, editContext(dir, server));
    assert.equal(result.ok, true, result.report);
    assert.equal(result.repairTurns, 0);
    assert.equal(result.parseGuard, true);
    assert.equal(result.files.length, 1);
    const [f] = result.files;
    assert.deepEqual([f.path, f.change, f.before, f.after, f.applied, f.failed], ['src/math.js', 'modify', mathJs, fixedMathJs, 1, 0]);
    assert.match(f.diff, /^-  return a - b;$/m);
    assert.match(f.diff, /^\+  return a \+ b;$/m);
    assert.deepEqual(proposedFiles(result).map((p) => p.path), ['src/math.js']);
    assert.equal(onDisk(dir), mathJs, 'the skill never writes');
    // The prompt carried the instruction, the numbered file and the tools.
    const request = server.chatRequests()[0].body;
    const texts = messageTexts(request).join('\n');
    assert.ok(texts.includes(instruction));
    assert.ok(texts.includes('2|   return a - b;'), texts);
    assert.deepEqual(request.tools.map((t: { function: { name: string } }) => t.function.name), ['read_file', 'search_text', 'list_directory', 'str_replace', 'create_file']);
    assert.ok(tools?.some((t) => t.name === 'str_replace'));
    assert.equal(transcript[transcript.length - 1].role, 'assistant');
    const feedback = editFeedback(result);
    assert.deepEqual(feedback.files, ['src/math.js']);
    assert.deepEqual([feedback.metrics.blocksApplied, feedback.metrics.blocksFailed, feedback.metrics.repairTurns, feedback.metrics.promptTokens], [1, 0, 0, 100]);
    assert.deepEqual(feedback.labels.map((l) => (l.kind === 'check' ? [l.name, l.passed] : [l.kind])), [['editApplies', true]]);
  });

  it('collects str_replace tool calls without running them ("recorded"), then applies them', async () => {
    const dir = makeProject();
    const server = await startServer({
      replies: [
        { when: { hasTools: true }, toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.js' } }] },
        { when: { toolResultIncludes: 'return a - b' }, toolCalls: [{ name: 'str_replace', arguments: { path: 'src/math.js', old_str: 'a - b', new_str: 'a + b' } }] },
        { when: { toolResultIncludes: 'recorded' }, content: 'Changed the operator in add().' },
      ],
    });
    const { result, transcript } = await runEdit({ instruction, files: ['src/math.js'] }, editContext(dir, server));
    assert.equal(result.ok, true, result.report);
    assert.equal(result.files[0].after, fixedMathJs);
    assert.equal(onDisk(dir), mathJs, 'tool calls are recorded, not executed');
    assert.equal(server.chatRequests().length, 3);
    const toolResults = transcript.filter((m) => m.role === 'tool').map((m) => m.content);
    assert.match(toolResults[1], /^recorded/);
  });

  it('sends a block that does not match back with the report, and applies the repair', async () => {
    const dir = makeProject();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You edit code' }, content: srReply('  return a - c;', '  return a + b;') },
        { when: { lastUserIncludes: 'did not all apply' }, content: srReply('  return a - b;', '  return a + b;') },
      ],
    });
    const { result } = await runEdit({ instruction, files: ['src/math.js'] }, editContext(dir, server));
    assert.equal(result.ok, true, result.report);
    assert.equal(result.repairTurns, 1);
    assert.deepEqual(result.blocks.map((b) => [b.turn, b.status]), [[0, 'failed'], [1, 'applied']]);
    assert.equal(result.files[0].after, fixedMathJs);
    const repair = messageTexts(server.chatRequests()[1].body).pop()!;
    assert.match(repair, /FAILED +src\/math\.js block 1/);
    assert.match(repair, /2\|   return a - b;/, 'the nearest file lines are shown');
    assert.equal(onDisk(dir), mathJs);
  });

  it('gives up after the repair turns: ok false with the failure report, nothing proposed', async () => {
    const dir = makeProject();
    const server = await startServer({ fallback: { content: srReply('  return x * y;', '  return a + b;'), times: Infinity } });
    const { result } = await runEdit({ instruction, files: ['src/math.js'] }, editContext(dir, server));
    assert.equal(result.ok, false);
    assert.equal(result.repairTurns, 2);
    assert.equal(server.chatRequests().length, 3, 'the first attempt and two repairs');
    assert.match(result.report, /FAILED +src\/math\.js block 1/);
    assert.deepEqual(proposedFiles(result), []);
    assert.deepEqual(editFeedback(result).labels.map((l) => (l.kind === 'check' ? [l.name, l.passed] : [l.kind])), [['editApplies', false]]);
    assert.equal(onDisk(dir), mathJs);
  });

  it('rejects an edit that breaks the parse (tree-sitter guard) when repairs do not fix it', async () => {
    const dir = makeProject();
    const server = await startServer({ fallback: { content: srReply('  return a - b;', '  return (a + b;'), times: Infinity } });
    const { result } = await runEdit({ instruction, files: ['src/math.js'] }, editContext(dir, server));
    assert.equal(result.ok, false);
    assert.ok(result.files[0].rejected, JSON.stringify(result.files[0]));
    assert.match(messageTexts(server.chatRequests()[1].body).pop()!, /no longer parse/);
    assert.deepEqual(proposedFiles(result), []);
  });

  it('counts a reply without any edit as a problem to repair', async () => {
    const dir = makeProject();
    const server = await startServer({
      replies: [
        { when: { systemIncludes: 'You edit code' }, content: 'The code looks fine to me.' },
        { when: { lastUserIncludes: 'holds no edit' }, content: srReply('  return a - b;', '  return a + b;') },
      ],
    });
    const { result } = await runEdit({ instruction, files: ['src/math.js'] }, editContext(dir, server));
    assert.equal(result.ok, true, result.report);
    assert.equal(result.repairTurns, 1);
  });

  describe('paths that need permission', () => {
    /** A project, a file beside it (outside the workspace) and a reply that edits that file. */
    async function outsideEdit() {
      const dir = makeProject();
      const outside = path.join(path.dirname(dir), `${path.basename(dir)}-notes.txt`);
      fs.writeFileSync(outside, 'old note\n');
      const relative = `../${path.basename(outside)}`;
      const server = await startServer({ fallback: { content: srReply('old note', 'new note', relative), times: Infinity } });
      return { dir, outside, relative, server };
    }

    it('asks once per path, and with a yes proposes the edit from the file on disk (writing nothing)', async () => {
      const { dir, outside, server } = await outsideEdit();
      const asked: string[] = [];
      const ctx = { ...editContext(dir, server), confirmUnsafePath: async (s: { path: string; reasons: string[] }) => (asked.push(`${s.path} ${s.reasons.join(',')}`), true) };
      const { result } = await runEdit({ instruction: 'update the note' }, ctx);
      assert.equal(result.ok, true, result.report);
      assert.deepEqual(asked, [`${outside} outsideWorkspace`]);
      assert.equal(result.files[0].after, 'new note\n');
      assert.equal(fs.readFileSync(outside, 'utf8'), 'old note\n', 'the skill never writes');
    });

    it('with a no, or on a surface that cannot ask, refuses the path and reports why', async () => {
      for (const confirmUnsafePath of [async () => false, undefined]) {
        const { dir, server } = await outsideEdit();
        const { result } = await runEdit({ instruction: 'update the note' }, { ...editContext(dir, server), confirmUnsafePath });
        assert.equal(result.ok, false);
        assert.deepEqual(proposedFiles(result), []);
        assert.match(result.report, /outside the workspace/);
      }
    });
  });
});
