/**
 * Test helpers reading written glb back the way a 3D Tiles runtime places them: glTF y-up
 * positions rotated to z-up ((x, y, z) → (x, −z, y), 3D Tiles 1.1 §"glTF transforms"), then
 * through the tile transform (column-major, Float64) into ECEF.
 */
import type { Document } from '@gltf-transform/core';
import { EXTStructuralMetadata, type PropertyTable } from '@gltf-transform/extensions';
import type { MetadataSchema, MetadataValue } from '../../cim-model/index.ts';
import { glbIo } from './build-glb.ts';
import { decodePropertyColumn } from './property-table.ts';

export async function readGlb(bytes: Uint8Array): Promise<Document> {
  return (await glbIo({ draco: true })).readBinary(bytes);
}

/** ECEF positions of every vertex of every primitive (Float64). */
export function ecefPositions(doc: Document, transform: readonly number[]): Float64Array[] {
  const m = transform;
  const out: Float64Array[] = [];
  for (const mesh of doc.getRoot().listMeshes()) for (const prim of mesh.listPrimitives()) {
    const pos = prim.getAttribute('POSITION')!.getArray()!;
    const ecef = new Float64Array(pos.length);
    for (let i = 0; i < pos.length; i += 3) {
      const x = pos[i], y = -pos[i + 2], z = pos[i + 1];
      for (let k = 0; k < 3; k++) ecef[i + k] = m[k] * x + m[4 + k] * y + m[8 + k] * z + m[12 + k];
    }
    out.push(ecef);
  }
  return out;
}

/** Every property table of a glb decoded to rows (enums by name), in table order. */
export function propertyTableRows(doc: Document): Array<{ class: string; rows: Array<Record<string, MetadataValue>> }> {
  const metadata = doc.getRoot().getExtension<ReturnType<EXTStructuralMetadata['createStructuralMetadata']>>('EXT_structural_metadata');
  const schemaObject = metadata?.getSchema();
  const out: Array<{ class: string; rows: Array<Record<string, MetadataValue>> }> = [];
  if (!metadata || !schemaObject) return out;
  // Back to JSON form: the decoder needs property definitions and enums.
  const schema: MetadataSchema = {
    id: schemaObject.getId(),
    classes: Object.fromEntries(schemaObject.listClassKeys().map((k) => {
      const cls = schemaObject.getClass(k)!;
      return [k, { properties: Object.fromEntries(cls.listPropertyKeys().map((p) => {
        const prop = cls.getProperty(p)!;
        return [p, {
          type: prop.getType(),
          ...(prop.getComponentType() ? { componentType: prop.getComponentType()! } : {}),
          ...(prop.getEnumType() ? { enumType: prop.getEnumType()! } : {}),
          ...(prop.getArray() ? { array: true } : {}),
          ...(prop.getCount() ? { count: prop.getCount()! } : {}),
        }];
      })) }];
    })),
    enums: Object.fromEntries(schemaObject.listEnumKeys().map((k) => {
      const e = schemaObject.getEnum(k)!;
      return [k, { valueType: e.getValueType(), values: e.listValues().map((v) => ({ name: v.getName(), value: v.getValue() })) }];
    })),
  };
  for (const table of metadata.listPropertyTables() as PropertyTable[]) {
    const cls = schema.classes![table.getClass()];
    const rows: Array<Record<string, MetadataValue>> = Array.from({ length: table.getCount() }, () => ({}));
    for (const key of table.listPropertyKeys()) {
      const column = table.getProperty(key)!;
      const values = decodePropertyColumn(cls.properties![key], schema, {
        values: column.getValues(),
        ...(column.getArrayOffsets() ? { arrayOffsets: column.getArrayOffsets()! } : {}),
        ...(column.getStringOffsets() ? { stringOffsets: column.getStringOffsets()! } : {}),
      }, table.getCount(), `${table.getClass()}.${key}`);
      values.forEach((v, i) => { rows[i][key] = v; });
    }
    out.push({ class: table.getClass(), rows });
  }
  return out;
}
