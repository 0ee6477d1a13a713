/**
 * File adapters for the pure OSGB codec. node:fs is imported lazily so that bundling
 * tiling/index.ts for the browser does not pull it in.
 */
import { readOsgb } from './read-osgb.ts';
import { writeOsgb } from './write-osgb.ts';
import type { WriteOsgbOptions } from './write-osgb.ts';
import type { OsgbNode, OsgbScene } from './osgb-types.ts';

export async function readOsgbFile(path: string): Promise<OsgbScene> {
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  return readOsgb(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), { file: path });
}

/** Writes to `path + '.tmp'` then renames, so readers never see a half-written tile. */
export async function writeOsgbFile(path: string, scene: OsgbScene | OsgbNode, options?: WriteOsgbOptions): Promise<number> {
  const { writeFile, rename } = await import('node:fs/promises');
  const bytes = writeOsgb(scene, options);
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path);
  return bytes.length;
}
