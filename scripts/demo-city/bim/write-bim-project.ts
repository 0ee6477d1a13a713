// Writes one BIM project as an .ifc file, atomically (temporary file, then rename).
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BimProjectSpec } from './bim-project-spec.ts';
import type { BimProjectSummary } from './build-ifc4.ts';
import { buildIfc4 } from './build-ifc4.ts';

export async function writeBimProject(spec: BimProjectSpec, file: string): Promise<BimProjectSummary> {
  const { text, summary } = buildIfc4(spec);
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  // STEP files are 7-bit: every non-ASCII character is already a \X2\ escape.
  await writeFile(temporary, text, 'ascii');
  await rename(temporary, file);
  return summary;
}
