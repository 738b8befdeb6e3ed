import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultCollectionSettings } from '../../../src/core/feedback/collectionConfig';
import { settingDeclarations, settingsFrom, type SettingDeclaration, type SettingKey, type Settings } from '../../../src/core/config';

const from = (values: Partial<Record<SettingKey, unknown>>) => settingsFrom((key) => values[key]);

const defaults: Settings = {
  model: { baseUrl: '', name: '', backend: 'auto', requestTimeoutMs: 60_000, replyTimeoutMs: 600_000, maxRetries: 2 },
  review: { maxDiffCharacters: 60_000, maxToolTurns: 6 },
  localize: { maxToolTurns: 8 },
  index: { maxFileBytes: 1024 * 1024 },
  feedback: { level: 'off', collection: defaultCollectionSettings },
};

describe('settingsFrom', () => {
  it('gives the declared defaults when nothing is set', () => {
    assert.deepEqual(from({}), defaults);
  });

  it('reads every setting, trimming strings and turning seconds into milliseconds', () => {
    assert.deepEqual(
      from({
        'atomicSkills.model.baseUrl': '  http://127.0.0.1:11434/v1 ',
        'atomicSkills.model.name': ' qwen2.5-coder:7b\n',
        'atomicSkills.model.backend': 'openai',
        'atomicSkills.model.requestTimeoutSeconds': 30,
        'atomicSkills.model.maxRetries': 4,
        'atomicSkills.review.maxDiffCharacters': 5000,
        'atomicSkills.review.maxToolTurns': 0,
      }),
      {
        model: { baseUrl: 'http://127.0.0.1:11434/v1', name: 'qwen2.5-coder:7b', backend: 'openai', requestTimeoutMs: 30_000, replyTimeoutMs: 600_000, maxRetries: 4 },
        review: { maxDiffCharacters: 5000, maxToolTurns: 0 },
        localize: defaults.localize,
        index: defaults.index,
        feedback: defaults.feedback,
      },
    );
  });

  it('clamps numbers to their declared minimum and maximum', () => {
    const low = from({
      'atomicSkills.model.requestTimeoutSeconds': 0,
      'atomicSkills.model.maxRetries': -3,
      'atomicSkills.review.maxDiffCharacters': 10,
      'atomicSkills.review.maxToolTurns': -1,
    });
    assert.deepEqual([low.model.requestTimeoutMs, low.model.maxRetries, low.review.maxDiffCharacters, low.review.maxToolTurns], [1000, 0, 1000, 0]);
    const high = from({
      'atomicSkills.model.requestTimeoutSeconds': 1e9,
      'atomicSkills.model.maxRetries': 11,
      'atomicSkills.review.maxDiffCharacters': 50_000_000,
      'atomicSkills.review.maxToolTurns': 31,
    });
    assert.deepEqual([high.model.requestTimeoutMs, high.model.maxRetries, high.review.maxDiffCharacters, high.review.maxToolTurns], [3_600_000, 10, 50_000_000, 30]);
  });

  it('rounds integer settings and keeps fractions of a number setting', () => {
    const s = from({ 'atomicSkills.model.maxRetries': 2.6, 'atomicSkills.review.maxToolTurns': 3.4, 'atomicSkills.model.requestTimeoutSeconds': 2.5 });
    assert.equal(s.model.maxRetries, 3);
    assert.equal(s.review.maxToolTurns, 3);
    assert.equal(s.model.requestTimeoutMs, 2500);
  });

  it('falls back to the default for wrongly typed or non-finite values', () => {
    for (const wrong of ['30', true, null, [], {}, NaN, Infinity, -Infinity]) {
      const s = from({
        'atomicSkills.model.requestTimeoutSeconds': wrong,
        'atomicSkills.model.maxRetries': wrong,
        'atomicSkills.review.maxDiffCharacters': wrong,
        'atomicSkills.review.maxToolTurns': wrong,
      });
      assert.deepEqual(s.review, defaults.review, String(wrong));
      assert.equal(s.model.requestTimeoutMs, 60_000, String(wrong));
      assert.equal(s.model.maxRetries, 2, String(wrong));
    }
    const s = from({ 'atomicSkills.model.baseUrl': 8080, 'atomicSkills.model.name': { id: 'x' }, 'atomicSkills.model.backend': 1 });
    assert.deepEqual(s.model, defaults.model);
  });

  it('accepts only the declared backend values, exactly', () => {
    assert.equal(from({ 'atomicSkills.model.backend': 'vscode-lm' }).model.backend, 'vscode-lm');
    assert.equal(from({ 'atomicSkills.model.backend': 'openai' }).model.backend, 'openai');
    for (const wrong of ['OpenAI', 'vscode', '', 'ollama']) {
      assert.equal(from({ 'atomicSkills.model.backend': wrong }).model.backend, 'auto', wrong);
    }
  });

  it('asks only for declared keys', () => {
    const asked: string[] = [];
    settingsFrom((key) => {
      asked.push(key);
      return undefined;
    });
    assert.deepEqual([...new Set(asked)].sort(), Object.keys(settingDeclarations).sort());
  });
});

describe('settingDeclarations', () => {
  it('declares defaults of the declared type, inside the declared bounds and enum', () => {
    for (const [key, raw] of Object.entries(settingDeclarations)) {
      const decl: SettingDeclaration = raw;
      assert.match(key, /^atomicSkills(\.[a-z][A-Za-z]*)+$/, key);
      const expectedType = decl.type === 'integer' ? 'number' : decl.type;
      assert.equal(typeof decl.default, expectedType, key);
      if (decl.type === 'integer') assert.ok(Number.isInteger(decl.default), key);
      if (typeof decl.default === 'number') {
        assert.ok(decl.default >= (decl.minimum ?? -Infinity) && decl.default <= (decl.maximum ?? Infinity), key);
      }
      if (decl.enum) {
        assert.ok(decl.enum.includes(decl.default as string), key);
        assert.equal(decl.enumDescriptions?.length, decl.enum.length, key);
      }
      assert.ok(decl.markdownDescription.length > 10, key);
    }
  });
});
