/**
 * Which BIM permit status may follow which (规划审查 workflow), and the dates a change sets. A decision can be
 * reopened for review; a rejected project can be resubmitted.
 */
import type { BimProjectSummary, BimStatus } from '../contracts.ts';

export const STATUS_TRANSITIONS: Record<BimStatus, readonly BimStatus[]> = {
  submitted: ['under-review', 'rejected'],
  'under-review': ['approved', 'rejected', 'submitted'],
  approved: ['under-review'],
  rejected: ['submitted', 'under-review'],
};

export function canChange(from: BimStatus, to: BimStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/** The project after a change to `to` on `date` (ISO YYYY-MM-DD): review and decision dates follow the status. */
export function withStatus(p: BimProjectSummary, to: BimStatus, date: string): BimProjectSummary {
  const { reviewedDate: _r, decidedDate: _d, ...rest } = p;
  switch (to) {
    case 'submitted':
      return { ...rest, status: to, submittedDate: date };
    case 'under-review':
      return { ...rest, status: to, reviewedDate: date };
    case 'approved':
    case 'rejected':
      return { ...rest, status: to, reviewedDate: p.reviewedDate ?? date, decidedDate: date };
  }
}
