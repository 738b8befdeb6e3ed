/** How each built-in workflow appears: a Command Palette command, an @atomic slash command, an LM tool. */
export interface WorkflowSurface {
  workflow: string;
  commandId: string;
  title: string;
  chatCommand: { name: string; description: string };
  toolName: string;
  toolReferenceName: string;
  toolDisplayName: string;
  userDescription: string;
  modelDescription: string;
}

const issueSchema = {
  type: 'object',
  properties: { issue: { type: 'string', description: 'The task: the bug report, what to refactor, the weakness, or the code that needs tests.' } },
  required: ['issue'],
} as const;

export const workflowInputSchema: Record<string, unknown> = issueSchema;

export const workflowSurfaces: WorkflowSurface[] = [
  {
    workflow: 'fix',
    commandId: 'atomicSkills.fixBug',
    title: 'Fix Bug',
    chatCommand: { name: 'fix', description: 'Fix a bug: localize, reproduce, edit, verify, review, then show the patch' },
    toolName: 'atomicSkills_fixBug',
    toolReferenceName: 'fixBug',
    toolDisplayName: 'Fix Bug',
    userDescription: 'Fix a reported bug end to end: localize, reproduce (fail-before), edit, verify (pass-after, existing tests), review.',
    modelDescription:
      'Fix a reported bug in the workspace end to end: localize the code, reproduce the bug with a script that fails, edit, verify that the reproduction passes and the existing tests still pass, and review. Use it for a bug report. Returns JSON: status, every step with its check, and the final patch as a unified diff. Nothing is written to the workspace.',
  },
  {
    workflow: 'refactor',
    commandId: 'atomicSkills.refactorCode',
    title: 'Refactor',
    chatCommand: { name: 'refactor', description: 'Refactor: localize, edit, verify the tests are unchanged and pass, review' },
    toolName: 'atomicSkills_refactorCode',
    toolReferenceName: 'refactorCode',
    toolDisplayName: 'Refactor Code',
    userDescription: 'Refactor code as described, checked against the existing tests (unchanged and passing) and reviewed.',
    modelDescription:
      'Refactor workspace code as described without changing behaviour: localize, edit, verify that the existing tests are unchanged and pass, review. Returns JSON: status, every step with its check, and the final patch as a unified diff. Nothing is written.',
  },
  {
    workflow: 'secure',
    commandId: 'atomicSkills.secureCode',
    title: 'Security Fix',
    chatCommand: { name: 'secure', description: 'Security fix: security review, localize, edit, verify, review' },
    toolName: 'atomicSkills_secureCode',
    toolReferenceName: 'secureCode',
    toolDisplayName: 'Security Fix',
    userDescription: 'Find and fix a security weakness: a security-focused review, then localize, edit, verify and review the fix.',
    modelDescription:
      'Fix a security weakness in the workspace: review with a security focus, localize, edit, verify (existing tests pass) and review the fix. Returns JSON: status, every step with its check, and the final patch as a unified diff. Nothing is written.',
  },
  {
    workflow: 'addTests',
    commandId: 'atomicSkills.addTests',
    title: 'Add Tests',
    chatCommand: { name: 'addTests', description: 'Add tests: localize the code, then write mutation-checked tests' },
    toolName: 'atomicSkills_addTests',
    toolReferenceName: 'addTests',
    toolDisplayName: 'Add Tests',
    userDescription: 'Find the code a task names and write tests for it, run and checked against mutants.',
    modelDescription:
      'Add unit tests for the code a task describes: localize it, then write tests in the project\'s framework that pass and are checked against mutants. Returns JSON: status, every step with its check, and the proposed test file as a patch. Nothing is written.',
  },
];
