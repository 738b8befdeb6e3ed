import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { importedModules, sourceFiles } from '../helpers/sourceFiles';

describe('src/core is editor-free', () => {
  it('the import scanner sees every form of import', () => {
    const sample = [
      "import * as vscode from 'vscode';",
      "import type { Uri } from \"vscode\";",
      "import { a,\n  b } from './x';",
      "import 'side-effect';",
      "export { c } from '../y';",
      "export * from './z';",
      "const v = require('vscode');",
      "const lazy = await import('node:fs');",
      "import fs = require('fs');",
    ].join('\n');
    assert.deepEqual(new Set(importedModules(sample)), new Set(['vscode', './x', 'side-effect', '../y', './z', 'node:fs', 'fs']));
  });

  const core = sourceFiles('src/core');

  it('finds the core sources', () => {
    assert.ok(core.length >= 20, `only ${core.length} files under src/core`);
    assert.ok(core.some((f) => f.rel === 'src/core/skills/review/reviewSkill.ts'));
  });

  it("no file under src/core imports 'vscode' or a vscode-prefixed module", () => {
    const offenders = core.flatMap((f) => importedModules(f.text).filter((m) => m === 'vscode' || m.startsWith('vscode/') || m.startsWith('@types/vscode')).map((m) => `${f.rel}: ${m}`));
    assert.deepEqual(offenders, []);
  });

  it('no file under src/core imports from the adapters, the CLI or the extension entry (shipped JSON schemas aside)', () => {
    const offenders: string[] = [];
    for (const f of core) {
      for (const spec of importedModules(f.text)) {
        if (!spec.startsWith('.')) continue;
        const target = path.posix.normalize(path.posix.join(path.posix.dirname(f.rel), spec));
        // The JSON schemas the extension ships (schemas/) are data the core validates against.
        if (!target.startsWith('src/core/') && !/^schemas\/[\w.-]+\.json$/.test(target)) offenders.push(`${f.rel}: ${spec}`);
      }
    }
    assert.deepEqual(offenders, []);
  });

  it("only src/core/model imports the 'openai' package", () => {
    const users = sourceFiles('src')
      .filter((f) => importedModules(f.text).some((m) => m === 'openai' || m.startsWith('openai/')))
      .map((f) => f.rel);
    assert.ok(users.length > 0);
    assert.deepEqual(users.filter((rel) => !rel.startsWith('src/core/model/')), []);
  });
});
