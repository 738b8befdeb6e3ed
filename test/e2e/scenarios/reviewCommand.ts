// "Atomic Skills: Review Changes" from the Command Palette: scope quick pick, verdict
// notification, and the finding as a comment thread on the buggy line of src/math.js.
import { screenshot } from '../support/browser';
import { commentsPanelLines, waitForCommentThread } from '../support/comments';
import { BUG_FILE, BUG_MESSAGE, assertDiffSent, setUpReview } from '../support/reviewFixture';
import { Scenario, assert, assertEqual } from '../support/scenario';
import { openVsCode } from '../support/session';
import { acceptQuickPick, runCommand, waitForNotification } from '../support/workbench';

export const reviewCommand: Scenario = {
  name: 'review-command',
  async run(t) {
    const { repo, line, model, settings } = await setUpReview(t);
    await openVsCode(t, { folder: repo.dir, settings });
    await runCommand(t.page, 'Atomic Skills: Review Changes');
    const items = await acceptQuickPick(t.page, 'Uncommitted changes', { mustBeFirst: true });
    t.log(`scope quick pick: ${items.join(' | ')}`);

    const note = await waitForNotification(t.page, /Atomic Skills review: NO\b/);
    t.log(`notification: ${note}`);
    assert(/1 finding/.test(note), `notification counts 1 finding: "${note}"`);

    const thread = await waitForCommentThread(t.page, BUG_FILE, BUG_MESSAGE);
    t.log(`comment thread under line ${thread.line}, glyphs on ${thread.glyphLines.join(',')}: ${thread.text.replace(/\s+/g, ' ')}`);
    assertEqual(thread.line, line, 'line the comment thread is rendered under');
    const panel = await commentsPanelLines(t.page, BUG_MESSAGE);
    if (panel.length) assert(panel.includes(line), `Comments panel lists line ${line} (has ${panel.join(',')})`);
    await screenshot(t.page, 'review-command');
    assertDiffSent(model);
  },
};
