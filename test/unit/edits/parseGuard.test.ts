import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { changedFiles } from '../../../src/core/edits/editPlan';
import { applyEdits, applyReply, block, disposeChecker, fileResult, realChecker, srReply } from './editSupport';

after(disposeChecker);

const sources: Record<string, { path: string; text: string; good: [string, string]; bad: [string, string]; badLine: number }> = {
  python: {
    path: 'm.py',
    text: 'def f(x):\n    return x + 1\n\n\ndef g():\n    return 2\n',
    good: ['    return x + 1\n', '    return x + 2\n'],
    bad: ['    return x + 1\n', '    return (x + 1\n'],
    badLine: 2,
  },
  typescript: {
    path: 'm.ts',
    text: 'export function f(x: number): number {\n  return x + 1;\n}\n\nexport const y = 2;\n',
    good: ['  return x + 1;\n', '  return x + 2;\n'],
    bad: ['  return x + 1;\n}\n', '  return x + 1;\n'],
    badLine: 2,
  },
  javascript: {
    path: 'm.js',
    text: 'function f(x) {\n  return [x, 1];\n}\nmodule.exports = { f };\n',
    good: ['  return [x, 1];\n', '  return [x, 2];\n'],
    bad: ['  return [x, 1];\n', '  return [x, 1;\n'],
    badLine: 2,
  },
  go: {
    path: 'm.go',
    text: 'package m\n\nfunc F(x int) int {\n\treturn x + 1\n}\n',
    good: ['\treturn x + 1\n', '\treturn x + 2\n'],
    bad: ['\treturn x + 1\n', '\treturn x +\n'],
    badLine: 4,
  },
};

describe('the parse guard', () => {
  for (const [language, s] of Object.entries(sources)) {
    it(`${language}: accepts an edit that parses and rejects one that adds a syntax error, with its location`, async () => {
      const checker = realChecker();
      const good = await applyReply(srReply(s.path, s.good[0], s.good[1]), { [s.path]: s.text }, { checker });
      assert.equal(good.ok, true, JSON.stringify(good.blocks));
      const gf = fileResult(good, s.path);
      assert.deepEqual([gf.parseErrorsBefore, gf.parseErrorsAfter], [0, 0]);

      const bad = await applyReply(srReply(s.path, s.bad[0], s.bad[1]), { [s.path]: s.text }, { checker });
      assert.equal(bad.ok, false);
      const bf = fileResult(bad, s.path);
      assert.ok(bf.parseErrorsAfter! > 0, `${language}: errors after`);
      assert.ok(bf.rejected, `${language}: rejected`);
      assert.ok(bf.newErrorAt, `${language}: location`);
      assert.ok(Math.abs(bf.newErrorAt.line - s.badLine) <= 2, `${language}: error near line ${s.badLine}, got ${bf.newErrorAt.line}`);
      assert.match(bf.rejected, new RegExp(`${s.path.replace('.', '\\.')}:\\d+:\\d+`));
      const b = block(bad, s.path, 0);
      assert.equal(b.status, 'failed');
      assert.equal(b.failure, 'breaksParse');
      assert.deepEqual(changedFiles(bad), []);
    });
  }

  it('accepts an edit to a file that already had syntax errors, as long as it adds none', async () => {
    const text = 'def f(:\n    pass\n\nx = 1\n';
    const result = await applyReply(srReply('e.py', 'x = 1\n', 'x = 2\n'), { 'e.py': text }, { checker: realChecker() });
    assert.equal(result.ok, true);
    const f = fileResult(result, 'e.py');
    assert.ok(f.parseErrorsBefore! > 0);
    assert.equal(f.parseErrorsAfter, f.parseErrorsBefore);
  });

  it('rejects a new file that does not parse', async () => {
    const result = await applyEdits({ edits: [{ kind: 'create', path: 'n.ts', content: 'export const = ;\n' }] }, {}, { checker: realChecker() });
    assert.ok(fileResult(result, 'n.ts').rejected);
  });

  it('skips files without a grammar, and ini files, whose grammar rejects valid continuations', async () => {
    const checker = realChecker();
    const txt = await applyReply(srReply('notes.txt', 'a\n', '((((\n'), { 'notes.txt': 'a\n' }, { checker });
    assert.equal(txt.ok, true);
    assert.equal(fileResult(txt, 'notes.txt').parseErrorsAfter, undefined);
    const cfg = '[options]\ninstall_requires =\n    a>=1\n';
    const ini = await applyReply(srReply('setup.cfg', '    a>=1\n', '    a>=1\n    b>=2\n'), { 'setup.cfg': cfg }, { checker });
    assert.equal(ini.ok, true);
  });

  it('names the block whose new text holds the first new error', async () => {
    const text = 'def f():\n    return 1\n\n\ndef g():\n    return 2\n';
    const reply = srReply('two.py', '    return 1\n', '    return 10\n') + srReply('two.py', '    return 2\n', '    return [2\n');
    const result = await applyReply(reply, { 'two.py': text }, { checker: realChecker() });
    assert.match(fileResult(result, 'two.py').rejected ?? '', /block 2 \(lines 6-6\)/);
  });
});
