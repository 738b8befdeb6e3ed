import type { OnFail } from '../workflows/workflowTypes';

const after = { stop: 'stops', continue: 'goes on', ask: 'asks the user whether to go on' } as const;

/** What a workflow does when a step's check fails, in words: "retries once from `edit` with the failure fed back, then stops". */
export function onFailWords(onFail: OnFail): string {
  if (onFail.action !== 'retry') return after[onFail.action];
  const times = onFail.max === 1 ? 'once' : `up to ${onFail.max} times`;
  const from = onFail.from ? ` from \`${onFail.from}\`` : '';
  return `retries ${times}${from} with the failure fed back, then ${after[onFail.then ?? 'stop']}`;
}
