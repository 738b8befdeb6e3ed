// Consent: nothing is recorded until the user chooses a level; an explicit choice wins over telemetry; ask once.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { effectiveFeedbackLevel, shouldAskForConsent } from '../../../../src/core/feedback/consent';
import type { FeedbackLevel } from '../../../../src/core/feedback/feedbackTypes';

const levels: FeedbackLevel[] = ['off', 'noCode', 'all'];

describe('effectiveFeedbackLevel', () => {
  it('is off without an explicit choice, whether telemetry is on or off', () => {
    assert.equal(effectiveFeedbackLevel({ explicitLevel: undefined, telemetryEnabled: true }), 'off');
    assert.equal(effectiveFeedbackLevel({ explicitLevel: undefined, telemetryEnabled: false }), 'off');
  });

  it('is the explicit choice when telemetry is on', () => {
    for (const level of levels) assert.equal(effectiveFeedbackLevel({ explicitLevel: level, telemetryEnabled: true }), level);
  });

  it('is the explicit choice even when VS Code telemetry is off', () => {
    assert.equal(effectiveFeedbackLevel({ explicitLevel: 'all', telemetryEnabled: false }), 'all');
    assert.equal(effectiveFeedbackLevel({ explicitLevel: 'noCode', telemetryEnabled: false }), 'noCode');
    assert.equal(effectiveFeedbackLevel({ explicitLevel: 'off', telemetryEnabled: false }), 'off');
  });
});

describe('shouldAskForConsent', () => {
  it('asks when no level was chosen, it was not asked before and telemetry is on', () => {
    assert.equal(shouldAskForConsent({ explicitLevel: undefined, telemetryEnabled: true, askedBefore: false }), true);
  });

  it('asks only once', () => {
    assert.equal(shouldAskForConsent({ explicitLevel: undefined, telemetryEnabled: true, askedBefore: true }), false);
  });

  it('never asks when telemetry is off', () => {
    assert.equal(shouldAskForConsent({ explicitLevel: undefined, telemetryEnabled: false, askedBefore: false }), false);
    assert.equal(shouldAskForConsent({ explicitLevel: undefined, telemetryEnabled: false, askedBefore: true }), false);
  });

  it('never asks once a level was chosen, including an explicit off', () => {
    for (const level of levels) {
      for (const telemetryEnabled of [true, false]) {
        for (const askedBefore of [true, false]) {
          assert.equal(shouldAskForConsent({ explicitLevel: level, telemetryEnabled, askedBefore }), false, `${level} ${telemetryEnabled} ${askedBefore}`);
        }
      }
    }
  });
});
