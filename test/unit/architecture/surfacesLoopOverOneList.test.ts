// Every VS Code surface is one loop over skillsAndWorkflows: no surface names a skill or a
// workflow, or reaches past the one list into the workflows or a skill's own module.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { skillsAndWorkflows } from '../../../src/core/skills/skillsAndWorkflows';
import { importedModules, sourceFiles } from '../helpers/sourceFiles';

const surfaceFiles = ['src/vscode/commands.ts', 'src/vscode/tools.ts', 'src/vscode/participant.ts'];

/** What a surface may import from core/skills: the list, the declaration types, the router; and one generic JSON helper. */
const allowedSkillModules = new Set(['src/core/skills/skillsAndWorkflows', 'src/core/skills/skillTypes', 'src/core/skills/routeRequest', 'src/core/skills/edit/editedFileJson']);

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

/** The string literals of a source (quotes and template pieces between `${…}`). */
function stringLiterals(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const value = m[1] ?? m[2] ?? m[3];
    out.push(...(m[3] !== undefined ? value.split(/\$\{[^}]*\}/) : [value]));
  }
  return out;
}

/** Every name a skill or workflow is known by on a surface. */
const names = new Set(skillsAndWorkflows.flatMap((s) => [s.id, s.chatCommand.name, s.commandId, s.toolName, s.toolReferenceName]));

describe('the VS Code surfaces loop over skillsAndWorkflows', () => {
  it('the checks see literals, template pieces and imports (self-test)', () => {
    const sample = "import { x } from '../core/workflows/workflowRunner';\nconst a = 'fix'; const b = `/${c} review`; // 'edit'\n";
    assert.deepEqual(stringLiterals(withoutComments(sample)), ['../core/workflows/workflowRunner', 'fix', '/', ' review']);
    assert.ok(names.has('fix') && names.has('review') && names.has('atomicSkills_fixBug'));
  });

  const files = sourceFiles('src/vscode').filter((f) => surfaceFiles.includes(f.rel));

  it('finds the three surface files', () => {
    assert.deepEqual(files.map((f) => f.rel).sort(), [...surfaceFiles].sort());
  });

  for (const file of files) {
    const code = withoutComments(file.text);
    const imports = importedModules(file.text)
      .filter((m) => m.startsWith('.'))
      .map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file.rel), m)));

    it(`${file.rel} loops over skillsAndWorkflows`, () => {
      assert.ok(imports.includes('src/core/skills/skillsAndWorkflows'), 'imports the one list');
      assert.match(code, /skillsAndWorkflows\.(map|find)\(/);
    });

    it(`${file.rel} imports neither the workflows, the skills-only registry, a skill's own module nor one presenter`, () => {
      const offenders = imports.filter(
        (m) => m.startsWith('src/core/workflows/') || (m.startsWith('src/core/skills/') && !allowedSkillModules.has(m)) || (m.startsWith('src/vscode/presenters/') && !['src/vscode/presenters/index', 'src/vscode/presenters/presenter'].includes(m)),
      );
      assert.deepEqual(offenders, []);
    });

    it(`${file.rel} names no skill or workflow, and has no workflow branch`, () => {
      assert.deepEqual(stringLiterals(code).filter((s) => names.has(s.trim().replace(/^\//, ''))), []);
      const workflowWords = (code.match(/[\w$]*workflow[\w$]*/gi) ?? []).filter((w) => !['skillsAndWorkflows', 'AnySkillOrWorkflow'].includes(w));
      assert.deepEqual(workflowWords, [], 'a surface has no workflow-specific code');
    });
  }
});
