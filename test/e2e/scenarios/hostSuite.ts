// The in-host suite (test/e2e/host: tests that call the vscode API from inside the extension
// host) run in code-server; see runHostTests.ts.
import { runHostTests } from '../runHostTests';
import type { Scenario } from '../support/scenario';

export const hostSuite: Scenario = {
  name: 'host-suite',
  timeoutMs: 6 * 60_000,
  async run() {
    const code = await runHostTests();
    if (code !== 0) throw new Error(`the in-host suite failed (exit ${code}); see test-results/host-tests.log`);
  },
};
