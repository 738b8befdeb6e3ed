import type { ChatMessage } from '../../model/types';
import { sharedRules } from '../promptRules';

export interface TestsPromptInput {
  target: string;
  symbol?: string;
  /** The code under test (the symbol's lines, or the file), as it is. */
  code: string;
  /** 1-based line of `code`'s first line in the file. */
  firstLine: number;
  behaviour?: string;
  framework: string;
  command: string;
  testFile: string;
  importHint: string;
  example?: { path: string; text: string };
  maxToolTurns: number;
}

export const testFileFormat = [
  'Answer with the complete test file, and nothing after it:',
  '<test_file path="the/test/path">',
  'the whole file content',
  '</test_file>',
].join('\n');

const numbered = (text: string, first: number) =>
  text.split('\n').map((line, i) => `${first + i}| ${line}`).join('\n');

export function buildTestsMessages(input: TestsPromptInput): ChatMessage[] {
  const system = [
    'You write unit tests: given code and its intended behaviour, you write a test file in the project\'s own framework and style that passes on correct code and fails when the code is subtly wrong (a flipped comparison, an off-by-one, a wrong constant, a dropped statement).',
    sharedRules,
    'Test the behaviour, not the implementation: exact expected values, edge cases and boundaries (empty input, zero, one, the limits), and the error cases the code handles. Every test must pass on the code as it is now; if the code looks wrong, test what it does and say so in a comment.',
    input.maxToolTurns > 0 ? `You may read files, search text and list folders first (at most ${input.maxToolTurns} rounds of tool calls).` : '',
    testFileFormat,
  ].filter(Boolean).join('\n\n');
  const parts = [
    `Write tests for ${input.symbol ? `\`${input.symbol}\` in ` : ''}${input.target}:`,
    '```\n' + numbered(input.code, input.firstLine) + '\n```',
    input.behaviour?.trim() ? `<intended_behaviour>\n${input.behaviour.trim()}\n</intended_behaviour>` : 'Infer the intended behaviour from the code, its names, comments and docstrings.',
    `Framework: ${input.framework}. The file will be written to ${input.testFile} and run with: ${input.command}`,
    `From the test file, ${input.importHint}.`,
  ];
  if (input.example) parts.push(`An existing test file of this project (${input.example.path}); follow its style:\n\`\`\`\n${input.example.text}\n\`\`\``);
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

export function buildTestFixMessage(output: string, turn: number, maxTurns: number, exitCode: number | null, timedOut: boolean): ChatMessage {
  const how = timedOut ? 'did not finish in time' : `failed (exit code ${exitCode})`;
  return {
    role: 'user',
    content: `The tests ${how} on the current code (fix ${turn} of ${maxTurns}). Every test must pass on the code as it is. Output:\n\`\`\`\n${output}\n\`\`\`\nFix the tests (not the code) and answer with the whole test file again.\n\n${testFileFormat}`,
  };
}
