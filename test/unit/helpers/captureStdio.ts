// Captures what code in this process writes as text to stdout and stderr. The test runner's own
// reports pass through untouched: it writes Buffers, the code under test writes strings.
export interface Captured<T> {
  value: T;
  stdout: string;
  stderr: string;
}

export async function captureStdio<T>(run: () => Promise<T>): Promise<Captured<T>> {
  const out: string[] = [];
  const err: string[] = [];
  const originalOut = process.stdout.write;
  const originalErr = process.stderr.write;
  const intercept = (stream: NodeJS.WriteStream, original: typeof process.stdout.write, sink: string[]) =>
    function (this: unknown, chunk: unknown, ...rest: unknown[]): boolean {
      if (typeof chunk === 'string') {
        sink.push(chunk);
        const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
        callback?.();
        return true;
      }
      return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
    } as typeof process.stdout.write;
  process.stdout.write = intercept(process.stdout, originalOut, out);
  process.stderr.write = intercept(process.stderr, originalErr, err);
  try {
    const value = await run();
    return { value, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = originalOut;
    process.stderr.write = originalErr;
  }
}
