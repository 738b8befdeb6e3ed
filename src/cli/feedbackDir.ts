import * as os from 'node:os';
import * as path from 'node:path';

/** The extension's id as VS Code names its global storage folder (publisher.name, lower case). */
const extensionStorageId = 'atomic-skills.atomic-skills';

/**
 * Where the VS Code extension keeps preference data: ATOMIC_SKILLS_FEEDBACK_DIR, else VS Code's global storage of the
 * extension — Linux `~/.config/Code/User/globalStorage/<id>/feedback` (or under $XDG_CONFIG_HOME), macOS
 * `~/Library/Application Support/Code/…`, Windows `%APPDATA%\Code\…`.
 */
export function defaultFeedbackDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (env.ATOMIC_SKILLS_FEEDBACK_DIR) return env.ATOMIC_SKILLS_FEEDBACK_DIR;
  const userData =
    platform === 'win32'
      ? path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), 'Code', 'User')
      : platform === 'darwin'
        ? path.posix.join(home, 'Library', 'Application Support', 'Code', 'User')
        : path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), 'Code', 'User');
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(userData, 'globalStorage', extensionStorageId, 'feedback');
}
