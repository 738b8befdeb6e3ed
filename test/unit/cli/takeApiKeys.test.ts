import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { cliApiKey, takeApiKeys } from '../../../src/cli/cliModel';

describe('takeApiKeys', () => {
  it('removes the key variables from the environment it is given and hands back a copy that keeps them', () => {
    const env: NodeJS.ProcessEnv = { ATOMIC_SKILLS_API_KEY: 'sk-a', OPENAI_API_KEY: 'sk-o', PATH: '/bin', ATOMIC_SKILLS_MODEL: 'm' };
    const kept = takeApiKeys(env);
    assert.deepEqual(env, { PATH: '/bin', ATOMIC_SKILLS_MODEL: 'm' });
    assert.equal(cliApiKey(kept), 'sk-a');
    assert.equal(kept.OPENAI_API_KEY, 'sk-o');
  });

  it('on process.env, children that inherit the environment no longer see the key', () => {
    const before = { a: process.env.ATOMIC_SKILLS_API_KEY, o: process.env.OPENAI_API_KEY };
    process.env.ATOMIC_SKILLS_API_KEY = 'sk-unit';
    try {
      const kept = takeApiKeys(process.env);
      assert.equal(process.env.ATOMIC_SKILLS_API_KEY, undefined);
      assert.equal(kept.ATOMIC_SKILLS_API_KEY, 'sk-unit');
      const seen = execFileSync(process.execPath, ['-e', 'console.log(String(process.env.ATOMIC_SKILLS_API_KEY))'], { encoding: 'utf8' });
      assert.equal(seen.trim(), 'undefined');
    } finally {
      for (const [name, value] of [['ATOMIC_SKILLS_API_KEY', before.a], ['OPENAI_API_KEY', before.o]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
