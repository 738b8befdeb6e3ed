import * as fs from 'node:fs';
import { AtomicError, errorMessage } from '../core/errors';
import { formatBytes } from '../core/textBytes';

/** The most text an input file (--plan, --issue) or standard input may hold: 8 MiB. */
export const maxInputBytes = 8 * 1024 * 1024;

/**
 * The text of a file the user names on the command line (`-`: standard input), at most `maxBytes`.
 * readInputText checks first that a named file is a regular one; standard input may be a pipe.
 * Either way reading stops past the limit with an error, so an endless pipe cannot exhaust memory.
 */
export async function readUserInput(file: string, flag: string, stdin: NodeJS.ReadableStream, maxBytes = maxInputBytes): Promise<string> {
  const source = file === '-' ? 'standard input' : `${flag} ${file}`;
  const stream = file === '-' ? stdin : fs.createReadStream(file);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      total += bytes.length;
      if (total > maxBytes) {
        throw new AtomicError('usage', `${source} holds more than ${formatBytes(maxBytes)}, the limit for an input; nothing was done. Pass a smaller file.`);
      }
      chunks.push(bytes);
    }
  } catch (err) {
    if (err instanceof AtomicError) throw err;
    throw new AtomicError('usage', `Cannot read ${source}: ${errorMessage(err)}`);
  } finally {
    if (stream !== stdin) (stream as fs.ReadStream).destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}
