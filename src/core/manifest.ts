import { settingDeclarations } from './config';
import { skillsAndWorkflows } from './skills/skillsAndWorkflows';
import { walkthroughContribution } from './walkthrough';

export const extensionId = 'atomic-skills.atomic-skills';
export const participantId = 'atomicSkills.atomic';
export const participantName = 'atomic';
export const modelVendor = 'atomic-skills';
/** The MCP server definition provider: the bundled `atomic-skills mcp` for chat sessions that take MCP servers. */
export const mcpProviderId = 'atomicSkills.mcpServer';
/** The id of our model-picker entry when no model is connected: chat then reaches @atomic, which says what to do. */
export const setupModelId = 'atomic-skills-setup';
export const commandCategory = 'Atomic Skills';
/**
 * Settings whose workspace values VS Code ignores in Restricted Mode: where model requests (with
 * the code they carry) go. An untrusted folder's .vscode/settings.json cannot redirect them.
 */
export const restrictedSettings = ['atomicSkills.model.baseUrl', 'atomicSkills.model.backend'];

/** Commands that are not skills. */
export const utilityCommands = [
  { command: 'atomicSkills.runWorkflow', title: 'Run Workflow…' },
  { command: 'atomicSkills.setApiKey', title: 'Set API Key' },
  { command: 'atomicSkills.configureModel', title: 'Configure Model' },
  { command: 'atomicSkills.showLog', title: 'Show Log' },
  { command: 'atomicSkills.showFeedbackSummary', title: 'Show Feedback Summary' },
  { command: 'atomicSkills.exportFeedback', title: 'Export Feedback' },
  { command: 'atomicSkills.chooseFeedbackLevel', title: 'Choose Preference Data Level' },
  { command: 'atomicSkills.openFeedbackStore', title: 'Open Feedback Store' },
  { command: 'atomicSkills.deleteFeedbackData', title: 'Delete Feedback Data' },
  { command: 'atomicSkills.setFeedbackCollectionToken', title: 'Set Feedback Collection Token' },
  { command: 'atomicSkills.forgetAllowedCommands', title: 'Forget Allowed Commands' },
] as const;

/** Commands invoked from UI elements (comment threads, chat buttons); hidden from the Command Palette. */
export const findingCommands = [
  { command: 'atomicSkills.applyFindingSuggestion', title: 'Apply Suggestion', icon: '$(check)' },
  { command: 'atomicSkills.dismissFinding', title: 'Dismiss', icon: '$(close)' },
  { command: 'atomicSkills.labelResult', title: 'Label Result' },
] as const;

/** Decisions on proposed edits: editor title buttons of a proposal's diff, chat buttons, the palette. */
export const editDecisionCommands = [
  { command: 'atomicSkills.acceptFileEdit', title: 'Accept Proposed Edit to This File', icon: '$(check)' },
  { command: 'atomicSkills.rejectFileEdit', title: 'Reject Proposed Edit to This File', icon: '$(discard)' },
  { command: 'atomicSkills.chooseEditHunks', title: 'Choose Which Changes to Keep…', icon: '$(checklist)' },
  { command: 'atomicSkills.acceptAllEdits', title: 'Accept All Proposed Edits' },
  { command: 'atomicSkills.rejectAllEdits', title: 'Reject All Proposed Edits' },
  { command: 'atomicSkills.reviewEdits', title: 'Review Proposed Edits' },
] as const;

const inProposal = 'resourceScheme == atomic-skills-edit';

/** What package.json's `contributes` must say, generated from the registry and the settings. */
export function expectedContributions() {
  const all = skillsAndWorkflows;
  return {
    commands: [
      ...all.map((s) => ({ command: s.commandId, title: s.title, category: commandCategory })),
      ...utilityCommands.map((c) => ({ ...c, category: commandCategory })),
      ...findingCommands.map((c) => ({ ...c, category: commandCategory })),
      ...editDecisionCommands.map((c) => ({ ...c, category: commandCategory })),
    ],
    menus: {
      commandPalette: [
        ...findingCommands.map((c) => ({ command: c.command, when: 'false' })),
        ...editDecisionCommands.map((c) => ({ command: c.command, when: 'icon' in c ? inProposal : 'atomicSkills.hasPendingEdits' })),
      ],
      'editor/title': [
        { command: 'atomicSkills.acceptFileEdit', group: 'navigation@1', when: inProposal },
        { command: 'atomicSkills.chooseEditHunks', group: 'navigation@2', when: inProposal },
        { command: 'atomicSkills.rejectFileEdit', group: 'navigation@3', when: inProposal },
      ],
      'comments/commentThread/title': [
        { command: 'atomicSkills.applyFindingSuggestion', group: 'navigation', when: 'commentController == atomicSkills.review && commentThread == atomicSkillsFinding.withSuggestion' },
        { command: 'atomicSkills.dismissFinding', group: 'navigation', when: 'commentController == atomicSkills.review' },
      ],
    },
    languageModelTools: [
      ...all.map((s) => ({
        name: s.toolName,
        displayName: s.toolDisplayName,
        toolReferenceName: s.toolReferenceName,
        canBeReferencedInPrompt: true,
        userDescription: s.userDescription,
        modelDescription: s.modelDescription,
        inputSchema: s.inputSchema,
      })),
    ],
    chatCommands: all.map((s) => s.chatCommand),
    mcpServerDefinitionProviders: [{ id: mcpProviderId, label: 'Atomic Skills' }],
    jsonValidation: [{ fileMatch: '.atomic/workflows/*.json', url: './schemas/workflow.schema.json' }],
    configuration: settingDeclarations,
    walkthroughs: [walkthroughContribution()],
  };
}
