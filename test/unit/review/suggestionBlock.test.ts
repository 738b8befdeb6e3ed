import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suggestionBlock } from '../../../src/core/skills/review/suggestionBlock';

describe('suggestionBlock: a suggested replacement, whole', () => {
  it('keeps every character of a long multi-line replacement, indentation included', () => {
    const text = 'for (let i = 0; i < items.length; i++) {\n  total += items[i].price * items[i].quantity; // a long line that a code block would cut at the edge\n}';
    assert.equal(suggestionBlock(text), `<pre><code>${text.replace("<", "&lt;")}</code></pre>\n`);
  });

  it('escapes markup, so model text cannot add HTML or close the block', () => {
    const block = suggestionBlock('if (a < b && c > d) x = "</code></pre><img src=x onerror=alert(1)>";');
    assert.equal(block, '<pre><code>if (a &lt; b &amp;&amp; c &gt; d) x = &quot;&lt;/code&gt;&lt;/pre&gt;&lt;img src=x onerror=alert(1)&gt;&quot;;</code></pre>\n');
    assert.equal(block.match(/<\/pre>/g)?.length, 1);
  });

  it('keeps blank lines inside and Markdown characters as written; drops CRs and trailing newlines', () => {
    assert.equal(suggestionBlock('a\r\n\r\n**b** `c`\n\n'), '<pre><code>a\n\n**b** `c`</code></pre>\n');
    assert.equal(suggestionBlock(''), '<pre><code></code></pre>\n');
  });
});
