/**
 * The core's messages name VS Code settings (written for the editor); at the command line they
 * name the flags and environment variables that do the same, and drop what only VS Code has.
 */
const cliTerms: Array<[RegExp, string]> = [
  [/, start a local server, or sign in to a VS Code chat model provider/g, ', or start a local server'],
  [/ of atomicSkills\.model\.maxRetries/g, ''],
  [/Run "Atomic Skills: Set API Key" to set the right key\./g, 'Set ATOMIC_SKILLS_API_KEY (or OPENAI_API_KEY) to the right key.'],
  [/run "Atomic Skills: Set API Key" and remove it from the URL\./g, 'set ATOMIC_SKILLS_API_KEY (or OPENAI_API_KEY) and remove it from the URL.'],
  [/ \(setting atomicSkills\.index\.maxFileKilobytes\)/g, ''],
  [/atomicSkills\.model\.baseUrl/g, '--base-url (ATOMIC_SKILLS_BASE_URL)'],
  [/atomicSkills\.model\.name/g, '--model (ATOMIC_SKILLS_MODEL)'],
  [/atomicSkills\.model\.requestTimeoutSeconds/g, '--timeout (ATOMIC_SKILLS_TIMEOUT_SECONDS)'],
  [/atomicSkills\.model\.replyTimeoutSeconds/g, '--reply-timeout (ATOMIC_SKILLS_REPLY_TIMEOUT_SECONDS)'],
];

export function cliWording(message: string): string {
  return cliTerms.reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), message);
}
