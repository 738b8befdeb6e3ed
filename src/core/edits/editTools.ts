import type { ToolSpec } from '../model/types';
import { editToolNames } from './toolCallParser';

/** The model-facing edit tools (the paper's string-replace action, plus new files); parseToolCalls reads their calls. */
export const editTools: readonly ToolSpec[] = [
  {
    name: editToolNames.replace,
    description:
      'Replace one exact occurrence of old_str in a file with new_str. Use it for every change to an existing file; old_str must occur exactly once, so include enough surrounding lines, copied exactly (indentation included).',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Workspace-relative path of the file, with / separators.' },
        old_str: { type: 'string', description: 'The exact text to replace; it must occur exactly once in the file.' },
        new_str: { type: 'string', description: 'The text that replaces it (may be empty to delete).' },
      },
      required: ['path', 'old_str', 'new_str'],
    },
  },
  {
    name: editToolNames.create,
    description: 'Create a new file with the given content. Use it only for files that do not exist yet; an existing file is never rewritten whole.',
    parameters: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Workspace-relative path of the new file, with / separators.' },
        content: { type: 'string', description: 'The whole content of the new file.' },
      },
      required: ['path', 'content'],
    },
  },
];
