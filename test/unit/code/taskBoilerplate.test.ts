import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { withoutBoilerplate } from '../../../src/core/code/taskBoilerplate';

const kept = (text: string) => withoutBoilerplate(text).split('\n').filter((l) => l.trim());

describe('withoutBoilerplate', () => {
  it('drops template headings and an environment report, keeps the title, prose and code', () => {
    const text = `Rolling mean drops attributes

**Describe the bug**
\`rolling_mean\` loses \`attrs\` since the last release.

### Steps to reproduce
\`\`\`python
# build a small series
s = make_series(attrs={"unit": "m"})
\`\`\`

### Environment
- OS: Ubuntu 22.04
- Python version: 3.11.4
- numpy: 1.26.0
- pandas: None
- extensions: plotting, io`;
    assert.deepEqual(kept(text), [
      'Rolling mean drops attributes',
      '`rolling_mean` loses `attrs` since the last release.',
      '```python',
      '# build a small series',
      's = make_series(attrs={"unit": "m"})',
      '```',
    ]);
    assert.equal(withoutBoilerplate(text).split('\n').length, text.split('\n').length, 'lines are blanked, not removed');
  });

  it('drops pip freeze and conda listings inside code blocks', () => {
    const text = 'Import fails\n\n```\nnumpy==1.26.0\nscipy==1.11.2\nmatplotlib                3.8.0           py311_0    conda-forge\n```';
    assert.deepEqual(kept(text), ['Import fails', '```', '```']);
  });

  it('keeps a lone version in prose and a heading-like title', () => {
    const text = '## Parser rejects tabs\n\nSince 2.4.1 the parser rejects tab indentation in `read_config`.';
    assert.deepEqual(kept(text), ['## Parser rejects tabs', 'Since 2.4.1 the parser rejects tab indentation in `read_config`.']);
  });
});
