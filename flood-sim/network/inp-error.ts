/** An error in a SWMM `.inp` file, naming the file, line, section and field. */
export class InpError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly section: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}:${line} [${section}] ${field}: ${problem}`);
    this.name = 'InpError';
  }
}
