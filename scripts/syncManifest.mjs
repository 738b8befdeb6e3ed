// Writes the registry-generated parts of package.json's `contributes` (run after `node esbuild.mjs --tests`).
// The unit test test/unit/manifest.test.ts fails whenever package.json and the registry disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const manifest = require('../out/src/core/manifest.js');
const expected = manifest.expectedContributions();
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
c.languageModelChatProviders = [{ vendor: manifest.modelVendor, displayName: 'Atomic Skills' }];
// Commands, tools, the participant and the provider activate by themselves; startup activation
// is what puts the endpoint's models into the chat's model picker before anyone uses chat.
pkg.capabilities.untrustedWorkspaces.restrictedConfigurations = manifest.restrictedSettings;
pkg.activationEvents = ['onStartupFinished'];
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
console.log('package.json contributions updated');
