/** Request counters exposed at GET /api/metrics: totals by status class and rejected requests by error code. */
export interface Metrics {
  startedAt: string;
  requests: number;
  byStatus: Record<string, number>;
  /** Requests answered with an error, by code (invalid-json, invalid-request, body-too-large, …). */
  errors: Record<string, number>;
  /** Unexpected failures (500): the server kept serving. */
  internalErrors: number;
}

export function createMetrics(): Metrics {
  return { startedAt: new Date().toISOString(), requests: 0, byStatus: {}, errors: {}, internalErrors: 0 };
}

export function countResponse(m: Metrics, status: number): void {
  m.requests++;
  const cls = `${Math.floor(status / 100)}xx`;
  m.byStatus[cls] = (m.byStatus[cls] ?? 0) + 1;
}

export function countError(m: Metrics, code: string, status: number): void {
  m.errors[code] = (m.errors[code] ?? 0) + 1;
  if (status >= 500) m.internalErrors++;
}
