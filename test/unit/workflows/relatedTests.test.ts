import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { maxTestFiles, relatedTests } from '../../../src/core/skills/verify/verifyPatch';
import { removeTempDirs } from '../helpers/paths';
import { createTempRepo } from '../helpers/tempRepo';

after(removeTempDirs);

const project = (files: Record<string, string>) => createTempRepo(files, 'related').dir;

describe('relatedTests (what verify runs)', () => {
  it('finds tests named after the module, tests that mention it, and tests of its callers, nearest first', async () => {
    const root = project({
      'pyproject.toml': '[tool.pytest.ini_options]\n',
      'pkg/grades.py': 'def grade(s): ...\n',
      'pkg/report.py': 'from pkg.grades import grade\n',
      'tests/test_grades.py': 'from pkg.grades import grade\n',
      'tests/test_misc.py': 'import pkg.grades\n',
      'tests/test_report.py': 'from pkg.report import x\n',
      'tests/test_unrelated.py': 'import os\n',
    });
    assert.deepEqual(await relatedTests(root, ['pkg/grades.py']), ['tests/test_grades.py', 'tests/test_misc.py', 'tests/test_report.py']);
  });

  it(`runs at most ${maxTestFiles} test files, the nearest ones`, async () => {
    const files: Record<string, string> = { 'package.json': '{}', 'src/util.js': 'exports.x = 1;\n', 'test/util.test.js': "require('../src/util');\n" };
    for (let i = 0; i < 20; i++) files[`test/other${String(i).padStart(2, '0')}.test.js`] = "require('../src/util');\n";
    const found = await relatedTests(project(files), ['src/util.js']);
    assert.equal(found.length, maxTestFiles);
    assert.equal(found[0], 'test/util.test.js');
  });
});
