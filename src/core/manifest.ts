import { settingDeclarations } from './config';
import { skills, type AnySkill } from './skills/registry';

export const extensionId = 'atomic-skills.atomic-skills';
export const participantId = 'atomicSkills.atomic';
export const participantName = 'atomic';
export const modelVendor = 'atomic-skills';
export const commandCategory = 'Atomic Skills';

/** Commands that are not skills. */
export const utilityCommands = [
  { command: 'atomicSkills.setApiKey', title: 'Set API Key' },
  { command: 'atomicSkills.configureModel', title: 'Configure Model' },
  { command: 'atomicSkills.showLog', title: 'Show Log' },
  { command: 'atomicSkills.showFeedbackSummary', title: 'Show Feedback Summary' },
  { command: 'atomicSkills.exportFeedback', title: 'Export Feedback' },
  { command: 'atomicSkills.openFeedbackStore', title: 'Open Feedback Store' },
  { command: 'atomicSkills.deleteFeedbackData', title: 'Delete Feedback Data' },
  { command: 'atomicSkills.setFeedbackCollectionToken', title: 'Set Feedback Collection Token' },
] as const;

/** Commands invoked from UI elements (comment threads, chat buttons); hidden from the Command Palette. */
export const findingCommands = [
  { command: 'atomicSkills.applyFindingSuggestion', title: 'Apply Suggestion', icon: '$(check)' },
  { command: 'atomicSkills.dismissFinding', title: 'Dismiss', icon: '$(close)' },
  { command: 'atomicSkills.labelResult', title: 'Label Result' },
] as const;

/** What package.json's `contributes` must say, generated from the registry and the settings. */
export function expectedContributions() {
  const all = skills as readonly AnySkill[];
  return {
    commands: [
      ...all.map((s) => ({ command: s.commandId, title: s.title, category: commandCategory })),
      ...utilityCommands.map((c) => ({ ...c, category: commandCategory })),
      ...findingCommands.map((c) => ({ ...c, category: commandCategory })),
    ],
    menus: {
      commandPalette: findingCommands.map((c) => ({ command: c.command, when: 'false' })),
      'comments/commentThread/title': [
        { command: 'atomicSkills.applyFindingSuggestion', group: 'navigation', when: 'commentController == atomicSkills.review && commentThread == atomicSkillsFinding.withSuggestion' },
        { command: 'atomicSkills.dismissFinding', group: 'navigation', when: 'commentController == atomicSkills.review' },
      ],
    },
    languageModelTools: all.map((s) => ({
      name: s.toolName,
      displayName: s.toolDisplayName,
      toolReferenceName: s.toolReferenceName,
      canBeReferencedInPrompt: true,
      userDescription: s.userDescription,
      modelDescription: s.modelDescription,
      inputSchema: s.inputSchema,
    })),
    chatCommands: all.map((s) => s.chatCommand),
    configuration: settingDeclarations,
  };
}
