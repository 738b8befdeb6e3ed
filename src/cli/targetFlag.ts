import { repoFile } from './commandPaths';

/** FILE:SYMBOL → file and symbol; a Windows drive letter (C:\…) is not a symbol separator. */
export function splitTarget(target: string): { file: string; symbol?: string } {
  const at = target.lastIndexOf(':');
  if (at <= 1 || /[\\/]/.test(target.slice(at + 1))) return { file: target };
  return { file: target.slice(0, at), symbol: target.slice(at + 1) || undefined };
}

/** --target FILE[:SYMBOL]: the file by the CLI's path rule (commandPaths), the symbol kept. */
export function targetFlag(root: string, given: string): { file: string; symbol?: string } {
  const { file, symbol } = splitTarget(given);
  return { file: repoFile(root, '--target', file), symbol };
}
