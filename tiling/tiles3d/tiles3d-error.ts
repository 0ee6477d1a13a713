/**
 * The one error type of the 3D Tiles writer and readers. Every failure names where it happened
 * (a file, an archive entry or a JSON path such as `root.children[2].geometricError`), what was
 * expected and what was found.
 */
export interface Tiles3dErrorDetails {
  /** File, archive entry or JSON path where the problem was found. */
  where: string;
  expected: string;
  found: string;
}

export class Tiles3dError extends Error {
  readonly where: string;
  readonly expected: string;
  readonly found: string;

  constructor(details: Tiles3dErrorDetails) {
    super(`${details.where}: expected ${details.expected}, found ${details.found}`);
    this.name = 'Tiles3dError';
    this.where = details.where;
    this.expected = details.expected;
    this.found = details.found;
  }
}
