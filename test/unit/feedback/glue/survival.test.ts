// survivalShare: how much of an accepted edit is still in the file, line by line, ignoring whitespace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { survivalCheckpoints, survivalShare } from '../../../../src/core/feedback/survival';

const accepted = ['function divide(a, b) {', '  if (b === 0) throw new Error("b is 0");', '  return a / b;', '}'].join('\n');
const before = "'use strict';\n\nconst add = (a, b) => a + b;\n\n";
const after = '\nmodule.exports = { add, divide };\n';

describe('survivalCheckpoints', () => {
  it('measures 30 s, 2 min, 10 min and 15 min after acceptance, in order', () => {
    assert.deepEqual([...survivalCheckpoints], [30, 120, 600, 900]);
  });
});

describe('survivalShare', () => {
  it('is 1 when the accepted text is fully present in the file, among other lines', () => {
    assert.equal(survivalShare(accepted, before + accepted + after), 1);
  });

  it('is the share of accepted lines left when some were edited', () => {
    const edited = accepted.replace('  return a / b;', '  return Math.floor(a / b);');
    assert.equal(survivalShare(accepted, before + edited + after), 3 / 4);
    const twoEdited = edited.replace('throw new Error("b is 0")', 'return NaN');
    assert.equal(survivalShare(accepted, before + twoEdited + after), 2 / 4);
  });

  it('is 0 when the accepted text was deleted, or the file is empty', () => {
    assert.equal(survivalShare(accepted, before + after), 0);
    assert.equal(survivalShare(accepted, ''), 0);
  });

  it('does not count re-indentation, trailing spaces, CRLF line ends or added blank lines as removal', () => {
    const reformatted = accepted
      .split('\n')
      .map((l) => `    ${l.trim()}   `)
      .join('\r\n\r\n');
    assert.equal(survivalShare(accepted, before + reformatted + after), 1);
  });

  it('does not count spacing changed inside a line (a formatter) as removal', () => {
    const acceptedTight = 'const total=a+b;\nconsole.log(total);';
    const formatted = 'const total = a + b;\nconsole.log( total );';
    assert.equal(survivalShare(acceptedTight, formatted), 1);
  });

  it('counts a real change next to whitespace as removal', () => {
    assert.equal(survivalShare('const total = a + b;', 'const total = a - b;'), 0);
  });

  it('counts only the lines still in their order when lines were reordered', () => {
    const a = 'alpha();\nbeta();\ngamma();';
    assert.equal(survivalShare(a, 'gamma();\nalpha();\nbeta();'), 2 / 3);
    assert.equal(survivalShare(a, 'gamma();\nbeta();\nalpha();'), 1 / 3);
  });

  it('does not count one surviving line twice for an accepted line that appeared twice', () => {
    assert.equal(survivalShare('tick();\ntick();', 'tick();'), 1 / 2);
  });

  it('is 1 when nothing meaningful was accepted (empty or blank text)', () => {
    assert.equal(survivalShare('', 'anything'), 1);
    assert.equal(survivalShare('', ''), 1);
    assert.equal(survivalShare('  \n\t\n\r\n', ''), 1);
  });

  it('is at most 1 when lines were inserted between the accepted ones and the text appears twice', () => {
    const grown = accepted.split('\n').join('\n// note\n');
    const share = survivalShare(accepted, grown + '\n' + accepted);
    assert.equal(share, 1);
  });
});
