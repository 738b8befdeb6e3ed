import type { CliIo } from './cliIo';
import type { CliValues, FlagSpec } from './cliFlags';

/** A subcommand: its name, the flags it takes (any other is refused), its help, and what it runs. */
export interface CliCommand {
  name: string;
  /** Other names it answers to. */
  aliases?: string[];
  /** One line for the command list. */
  summary: string;
  /** The paragraph `--help` prints after the usage line. */
  help: string;
  /** Its flags besides --help; required ones are listed in `required` and shown without brackets. */
  flags: FlagSpec[];
  required?: string[];
  run(values: CliValues, io: CliIo): Promise<number>;
}
