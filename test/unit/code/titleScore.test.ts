import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { issueMentions } from '../../../src/core/code/issueMentions';
import { bm25Scores, queryTerms, termMatches } from '../../../src/core/code/lexicalScore';
import { retrieveCandidates } from '../../../src/core/code/retrieve';
import { RetrievalSnapshot } from '../../../src/core/code/retrievalSnapshot';
import { titleCoverage, titleDefinitionScores, titleNameScores, titleTextScores } from '../../../src/core/code/titleScore';
import { stemOf } from '../../../src/core/code/wordStem';
import { makeTempDir, removeTempDirs } from '../helpers/paths';
import { closeIndexes, openIndex, writeTree } from './codeSupport';

after(async () => {
  await closeIndexes();
  removeTempDirs();
});

async function indexOf(files: Record<string, string>) {
  const root = makeTempDir('title');
  writeTree(root, files);
  const index = openIndex(root);
  await index.refresh();
  return index;
}

const ranked = (index: Awaited<ReturnType<typeof indexOf>>, text: string) => retrieveCandidates(index, text).files.map((f) => f.path);

describe('stemOf', () => {
  it('brings forms of a word together', () => {
    for (const [a, b] of [['mocked', 'mock'], ['generation', 'generate'], ['copies', 'copy'], ['documented', 'document'], ['types', 'type'], ['printing', 'printer'], ['mapping', 'map']]) {
      assert.equal(stemOf(a), stemOf(b), `${a} ~ ${b}`);
    }
    assert.notEqual(stemOf('string'), stemOf('str'));
    assert.equal(stemOf('HTTP2'), 'http2', 'not a plain word: only lower-cased');
  });
});

describe('title evidence', () => {
  const files = {
    'tool/mock.py': 'def mock_module(name):\n    """Stand-in module for imports that fail."""\n    return type(name, (), {})\n',
    'tool/members.py':
      'def inherited_members(cls):\n    """Members of a class, inherited ones too, documented in order."""\n    return [m for base in cls.__mro__ for m in vars(base)]\n\ndef document_class(cls):\n    return inherited_members(cls)\n',
    'tool/render.py': 'def render_page(page):\n    """Renders a documented class page."""\n    return str(page)\n',
  };
  const title = 'Inherited classes not documented when mocked';
  const body = 'A class whose base is mocked loses its inherited members in the output; the class page is rendered without them.';

  it('scores the title alone: its words by BM25, their covered share, a file named after one, a definition spelling it', async () => {
    const index = await indexOf(files);
    const snap = RetrievalSnapshot.of(index);
    const text = `${title}\n\n${body}`;
    const q = queryTerms(text, issueMentions(text));
    assert.deepEqual(q.terms.filter((_, j) => q.inTitle[j]).sort(), ['classes', 'documented', 'inherited', 'mocked']);
    const m = termMatches(snap, q);
    const at = (p: string) => snap.ordinal.get(p)!;
    const bm25 = titleTextScores(snap, q, m);
    assert.ok(bm25[at('tool/members.py')] > bm25[at('tool/render.py')]);
    const coverage = titleCoverage(snap, q, m);
    assert.ok(coverage.every((c) => c >= 0 && c <= 1));
    const named = titleNameScores(snap, q, [0, 1, 2]);
    assert.deepEqual([...named.keys()], [at('tool/mock.py')], '"mocked" names mock.py');
    const defined = titleDefinitionScores(snap, q, m, [0, 1, 2]);
    assert.equal(defined.get(at('tool/members.py')), 1, 'inherited_members spells two title words');
    // Only the title's terms weigh in the title's BM25.
    const none = bm25Scores(snap, m, new Float64Array(q.hashes.length));
    assert.ok(none.every((s) => s === 0));
  });

  it('a title word naming a file lifts that file', async () => {
    const index = await indexOf(files);
    const scoreOf = (text: string) => retrieveCandidates(index, text, { explain: true }).files.find((f) => f.path === 'tool/mock.py')!;
    const named = scoreOf(`${title}\n\n${body}`);
    const unnamed = scoreOf(`Inherited classes not documented\n\n${body}`);
    assert.equal(named.evidence!.titleName, 1);
    assert.equal(unnamed.evidence!.titleName, 0);
    assert.ok(named.score > unnamed.score + 0.1, `${named.score} vs ${unnamed.score}`);
    assert.match(named.reason, /named like the title/);
  });
});

describe('the title weighs more than the body', () => {
  it('the same words rank their file first in the title, second in the body', async () => {
    const index = await indexOf({
      'fits/header.py': 'def parse_header(data):\n    return data.split(b"=")\n',
      'fits/card.py': 'def card_image(card):\n    """The card as text: keyword, value and comment, padded to 80 characters."""\n    return card.keyword + card.value + card.comment\n',
    });
    const body = 'The keyword, value and comment of each card come out wrong when the text is padded.';
    assert.deepEqual(ranked(index, `Parsing a header fails on bytes\n\n${body}`), ['fits/header.py', 'fits/card.py']);
    assert.deepEqual(ranked(index, `Wrong output\n\nParsing a header fails on bytes. ${body}`), ['fits/card.py', 'fits/header.py']);
  });
});
