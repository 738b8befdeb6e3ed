/**
 * The Getting Started walkthrough (package.json `contributes.walkthroughs`), declared once here:
 * connect a model, try each skill on the sample, turn on preference data, export it. The skill
 * step's links come from the registry, so a new skill or workflow appears in it by itself.
 */
import { skillsAndWorkflows } from './skills/skillsAndWorkflows';

export const walkthroughId = 'atomicSkills.gettingStarted';

/** A command link; on a line of its own VS Code draws it as a button. */
function link(title: string, command: string, args?: unknown[]): string {
  return `[${title}](command:${command}${args ? `?${encodeURIComponent(JSON.stringify(args))}` : ''})`;
}

function skillLinks(): string {
  return skillsAndWorkflows.map((s) => link(s.title, s.commandId)).join(' · ');
}

export function walkthroughContribution() {
  return {
    id: walkthroughId,
    title: 'Get started with Atomic Skills',
    description: 'Connect a model, run each skill on the sample project, and (if you like) record and export preference data.',
    steps: [
      {
        id: 'connectModel',
        title: 'Connect a model',
        description: `Atomic Skills works with any OpenAI-compatible endpoint: a local server (Ollama, LM Studio, vLLM, llama.cpp on their default ports are found by themselves), a hosted API, or a chat model VS Code offers.\n${link('Configure Model', 'atomicSkills.configureModel')}\n${link('Set API Key', 'atomicSkills.setApiKey')}`,
        media: { markdown: 'media/walkthrough/connectModel.md' },
        completionEvents: ['onSettingChanged:atomicSkills.model.baseUrl', 'onSettingChanged:atomicSkills.model.name', 'onCommand:atomicSkills.configureModel'],
      },
      {
        id: 'trySkills',
        title: 'Try each skill on the sample',
        description: `The sample shop (\`npm start\`) has an uncommitted change with two bugs in \`src/cart.js\`. Run a skill from here, from the Command Palette, or as \`@atomic /review\` (and the other slash commands) in chat.\n${link('Review the Sample\'s Change', 'atomicSkills.reviewChanges')}\nEvery skill: ${skillLinks()}`,
        media: { markdown: 'media/walkthrough/trySkills.md' },
        completionEvents: ['onCommand:atomicSkills.reviewChanges'],
      },
      {
        id: 'preferenceData',
        title: 'Turn on preference data',
        description: `Record which results you accept or reject, locally and with secrets redacted, to train a model on real use. Nothing is recorded until you choose.\n${link('Choose Preference Data Level', 'atomicSkills.chooseFeedbackLevel')}\n${link('Open the Setting', 'workbench.action.openSettings', ['atomicSkills.feedback.level'])}`,
        media: { markdown: 'media/walkthrough/preferenceData.md' },
        completionEvents: ['onSettingChanged:atomicSkills.feedback.level'],
      },
      {
        id: 'exportData',
        title: 'Export it for training',
        description: `Write the recorded preferences as TRL (DPO or KTO) or OpenAI preference fine-tuning JSONL.\n${link('Export Feedback', 'atomicSkills.exportFeedback')}\n${link('Show Feedback Summary', 'atomicSkills.showFeedbackSummary')}`,
        media: { markdown: 'media/walkthrough/exportData.md' },
        completionEvents: ['onCommand:atomicSkills.exportFeedback'],
      },
    ],
  };
}
