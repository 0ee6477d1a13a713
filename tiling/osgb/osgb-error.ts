/**
 * The one error type of the OSGB codec. Every failure names the file, the byte offset, what was
 * expected and what was found, so a corrupt ContextCapture tile can be traced without a hex editor.
 */
export interface OsgbErrorDetails {
  /** File name (or a label such as `<memory>`) of the stream being read or written. */
  file: string;
  /** Byte offset in the stream (after decompression for zlib files) where the problem was found. */
  offset: number;
  /** What the codec expected at that point. */
  expected: string;
  /** What it found instead. */
  found: string;
  /** The object path being read, e.g. `osg::PagedLOD/osg::Geode/osg::Geometry`. */
  path?: string;
}

export class OsgbError extends Error {
  readonly file: string;
  readonly offset: number;
  readonly expected: string;
  readonly found: string;
  readonly path: string;

  constructor(details: OsgbErrorDetails) {
    const where = details.path ? ` in ${details.path}` : '';
    super(`${details.file}: at byte ${details.offset}${where}: expected ${details.expected}, found ${details.found}`);
    this.name = 'OsgbError';
    this.file = details.file;
    this.offset = details.offset;
    this.expected = details.expected;
    this.found = details.found;
    this.path = details.path ?? '';
  }
}
