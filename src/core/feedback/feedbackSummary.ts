import type { FeedbackRecord } from './feedbackTypes';
import { polarityOf } from './preference';

export interface SkillSummary {
  skill: string;
  records: number;
  positive: number;
  negative: number;
  unlabeled: number;
  helpful: number;
  unhelpful: number;
  accepted: number;
  rejected: number;
  checksPassed: number;
  checksFailed: number;
  /** accepted / (accepted + rejected); undefined before any accept or reject. */
  acceptanceRate?: number;
}

/** Counts per skill and label, for "Show Feedback Summary". */
export function summarizeFeedback(records: readonly FeedbackRecord[]): SkillSummary[] {
  const bySkill = new Map<string, SkillSummary>();
  for (const record of records) {
    const s =
      bySkill.get(record.skill) ??
      { skill: record.skill, records: 0, positive: 0, negative: 0, unlabeled: 0, helpful: 0, unhelpful: 0, accepted: 0, rejected: 0, checksPassed: 0, checksFailed: 0 };
    bySkill.set(record.skill, s);
    s.records++;
    s[polarityOf(record).polarity === 'unlabeled' ? 'unlabeled' : polarityOf(record).polarity]++;
    for (const label of record.labels) {
      if (label.kind === 'vote') s[label.value]++;
      else if (label.kind === 'accepted' || label.kind === 'rejected') s[label.kind]++;
      else if (label.kind === 'check') s[label.passed ? 'checksPassed' : 'checksFailed']++;
    }
  }
  return [...bySkill.values()]
    .map((s) => (s.accepted + s.rejected > 0 ? { ...s, acceptanceRate: s.accepted / (s.accepted + s.rejected) } : s))
    .sort((a, b) => a.skill.localeCompare(b.skill));
}
