/** File adapter for `readShapefile`: reads `<base>.shp` and its `.dbf`, `.prj`, `.cpg` siblings. */
import { existsSync, readFileSync } from 'node:fs';
import { readShapefile, type ShapefileData } from './shapefile.ts';

export function readShapefileSet(shpPath: string): ShapefileData {
  const base = shpPath.replace(/\.shp$/i, '');
  const sibling = (ext: string) => [`${base}.${ext}`, `${base}.${ext.toUpperCase()}`].find((p) => existsSync(p));
  const text = (ext: string) => {
    const p = sibling(ext);
    return p ? readFileSync(p, 'utf8') : undefined;
  };
  const dbf = sibling('dbf');
  return readShapefile({
    shp: new Uint8Array(readFileSync(shpPath)),
    ...(dbf ? { dbf: new Uint8Array(readFileSync(dbf)) } : {}),
    prj: text('prj'),
    cpg: text('cpg'),
    file: base,
  });
}
