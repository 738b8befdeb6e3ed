// Writes the registry-generated parts of package.json's `contributes` and the generated Agent Skills
// files (skills/<name>/SKILL.md, agents/atomic.agent.md) (run after `node esbuild.mjs --tests`).
// The unit tests test/unit/manifest.test.ts and test/unit/agentSkills/generatedFiles.test.ts fail
// whenever package.json or those files and the registry disagree.
import { mkdirSync, readdirSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const manifest = require('../out/src/core/manifest.js');
const expected = manifest.expectedContributions();
const agentSkills = require('../out/src/core/agentSkills/agentSkillFiles.js');
const { agentSkillDeclarations } = require('../out/src/core/agentSkills/agentSkillDeclarations.js');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const c = (pkg.contributes ??= {});
c.commands = expected.commands;
c.menus = expected.menus;
c.views = { explorer: [{ id: 'atomicSkills.localization', name: 'Localization', icon: 'media/icon.png', when: 'atomicSkills.hasLocalization' }] };
c.languageModelTools = expected.languageModelTools;
c.jsonValidation = expected.jsonValidation;
c.mcpServerDefinitionProviders = expected.mcpServerDefinitionProviders;
c.walkthroughs = expected.walkthroughs;
c.configuration = { title: 'Atomic Skills', properties: expected.configuration };
c.chatParticipants = [
  {
    id: manifest.participantId,
    name: manifest.participantName,
    fullName: 'Atomic Skills',
    description: 'Review, localize, edit, test, reproduce and fix bugs with your own model',
    isSticky: true,
    commands: expected.chatCommands,
  },
];
const agentContributions = agentSkills.agentContributions(agentSkillDeclarations);
c.chatSkills = agentContributions.chatSkills;
c.chatAgents = agentContributions.chatAgents;
c.languageModelChatProviders = [{ vendor: manifest.modelVendor, displayName: 'Atomic Skills' }];
// Commands, tools, the participant and the provider activate by themselves; startup activation
// is what puts the endpoint's models into the chat's model picker before anyone uses chat.
pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = manifest.restrictedSettings;
pkg.activationEvents = ['onStartupFinished'];
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
console.log('package.json contributions updated');

// The generated files, and no others: a skill folder left from a renamed skill is removed.
const files = agentSkills.extensionAgentFiles(agentSkillDeclarations);
const wanted = new Set(files.map((f) => f.path.split('/')[1]));
mkdirSync(agentSkills.skillsFolder, { recursive: true });
for (const entry of readdirSync(agentSkills.skillsFolder)) {
  if (!wanted.has(entry)) rmSync(`${agentSkills.skillsFolder}/${entry}`, { recursive: true });
}
for (const file of files) {
  mkdirSync(dirname(file.path), { recursive: true });
  writeFileSync(file.path, file.text);
}
console.log(`${files.length} Agent Skills files written (${agentSkills.skillsFolder}/, agents/)`);
