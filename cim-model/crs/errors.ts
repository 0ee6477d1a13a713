/** A CRS string that is not understood: unknown code, malformed WKT or PROJ string. */
export class CrsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrsError';
  }
}

/** A transformation that cannot be carried out as asked (missing geoid, point outside the domain). */
export class TransformError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransformError';
  }
}
