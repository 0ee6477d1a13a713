/** A request the SensorThings API rejects: HTTP status and a message naming the field or option. */
export class QueryError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
    this.name = 'QueryError';
  }
}
