import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { AtomicError } from '../../../src/core/errors';
import { grammarLocator } from '../../../src/core/code/grammarLocator';
import { languageForPath, languages, queryFiles } from '../../../src/core/code/languages';
import { findHash, hashTerm, splitIdentifier, termVector } from '../../../src/core/code/textTerms';
import { TreeSitterLoader } from '../../../src/core/code/treeSitterLoader';
import { repoRoot } from '../helpers/paths';
import { assetDirs } from './codeSupport';

describe('grammars, queries and the build', () => {
  it('every language loads and its queries compile against its grammar', async () => {
    const loader = new TreeSitterLoader(grammarLocator(assetDirs));
    try {
      for (const spec of languages) {
        const loaded = await loader.language(spec.id);
        assert.ok(loaded.query.captureNames.some((c) => c.startsWith('definition.')), spec.id);
      }
    } finally {
      loader.dispose();
    }
  });

  it('esbuild.mjs ships every grammar and query the languages table uses', () => {
    const build = fs.readFileSync(path.join(repoRoot, 'esbuild.mjs'), 'utf8');
    for (const spec of languages) {
      const name = spec.grammar.replace(/^tree-sitter-|\.wasm$/g, '');
      assert.ok(build.includes(`'${name}'`) || build.includes(spec.grammar), `${spec.grammar} is copied to dist/`);
    }
    for (const q of queryFiles()) assert.ok(fs.existsSync(path.join(repoRoot, 'src/core/code/queries', q)), q);
    assert.match(build, /queries/);
    assert.match(build, /extractWorker/);
  });

  it('maps file names to languages (C headers to C, .tsx to TSX, Rakefile to Ruby, none for text)', () => {
    assert.equal(languageForPath('include/linux/list.h')?.id, 'c');
    assert.equal(languageForPath('src/a/B.TSX')?.id, 'tsx');
    assert.equal(languageForPath('Rakefile')?.id, 'ruby');
    assert.equal(languageForPath('lib/matrix.hpp')?.id, 'cpp');
    assert.equal(languageForPath('README.md'), undefined);
  });

  it('a missing asset is a configuration error naming the folders searched', () => {
    assert.throws(
      () => grammarLocator(['/nonexistent-a', '/nonexistent-b'])('tree-sitter-go.wasm'),
      (e: unknown) => e instanceof AtomicError && e.reason === 'configuration' && /nonexistent-b/.test(e.detail ?? ''),
    );
  });
});

describe('text terms', () => {
  it('splits compound identifiers', () => {
    assert.deepEqual(splitIdentifier('parseHTTPResponse2'), ['parse', 'http', 'response', '2']);
    assert.deepEqual(splitIdentifier('get_user_id'), ['get', 'user', 'id']);
    assert.deepEqual(splitIdentifier('XMLHttpRequest'), ['xml', 'http', 'request']);
  });

  it('term vectors: sorted unique hashes, counts per term, whole identifiers and their parts', () => {
    const v = termVector('fooBar = foo_bar(x); fooBar.baz();');
    assert.ok([...v.hashes].every((h, i) => i === 0 || h > v.hashes[i - 1]));
    const count = (t: string) => v.counts[findHash(v.hashes, hashTerm(t))] ?? 0;
    assert.equal(count('foobar'), 2);
    assert.equal(count('foo_bar'), 1);
    assert.equal(count('foo'), 3);
    assert.equal(count('baz'), 1);
    assert.equal(count('x'), 0, 'one-letter words are left out');
  });

  it('counts saturate at 255', () => {
    const v = termVector('word '.repeat(1000));
    assert.equal(v.counts[findHash(v.hashes, hashTerm('word'))], 255);
  });
});
