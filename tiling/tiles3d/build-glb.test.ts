import { describe, expect, it } from 'vitest';
import { EXTMeshFeatures } from '@gltf-transform/extensions';
import { buildMetadataSchema, EnuFrame, featurePropertyRow, featureTypeToClassId } from '../../cim-model/index.ts';
import { buildGlb, type Compression } from './build-glb.ts';
import { ecefPositions, propertyTableRows, readGlb } from './read-back.test-support.ts';
import { CENTRE, syntheticCity } from './synthetic-city.test-support.ts';
import { validateGlb } from './validate-glb.ts';

const schema = buildMetadataSchema();
const layer = syntheticCity({ side: 3, subdivisions: 2, meshes: 2 });
const frame = new EnuFrame(CENTRE.lon, CENTRE.lat, CENTRE.h);

/** Input vertex positions (on a 1 cm grid) → the features owning a vertex there. */
function featuresByPosition(): Map<string, Set<number>> {
  const map = new Map<string, Set<number>>();
  for (const mesh of layer.meshes) {
    for (let v = 0; v < mesh.featureIds!.length; v++) {
      const key = [0, 1, 2].map((k) => Math.round(mesh.positions[3 * v + k] * 100)).join(',');
      map.set(key, (map.get(key) ?? new Set()).add(mesh.featureIds![v]));
    }
  }
  return map;
}

/** Whether `feature` owns an input vertex within a grid cell of `p` (draco moves vertices by ≤ 2 mm). */
function owns(owners: Map<string, Set<number>>, p: ArrayLike<number>, feature: number): boolean {
  const [x, y, z] = [0, 1, 2].map((k) => Math.round(p[k] * 100));
  for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) for (let dz = -1; dz <= 1; dz++) {
    if (owners.get(`${x + dx},${y + dy},${z + dz}`)?.has(feature)) return true;
  }
  return false;
}

function glbJson(bytes: Uint8Array): { json: Record<string, unknown>; jsonLength: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const jsonLength = view.getUint32(12, true);
  return { json: JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + jsonLength))), jsonLength };
}

describe('buildGlb', () => {
  const owners = featuresByPosition();
  for (const compression of ['none', 'meshopt', 'draco'] as Compression[]) {
    it(`writes valid glb with feature IDs and property tables (${compression})`, async () => {
      const glb = await buildGlb({ meshes: layer.meshes, features: layer.features, schema, frame }, { compression });
      const report = await validateGlb(glb.bytes);
      expect(report.issues.filter((i) => i.severity <= 1)).toEqual([]);
      expect(glb.triangles).toBe(layer.meshes.reduce((s, m) => s + m.indices.length / 3, 0));
      expect(glb.features).toBe(layer.features.length);

      const doc = await readGlb(glb.bytes);
      const tables = propertyTableRows(doc);
      expect(tables.map((t) => t.class)).toEqual(['building', 'building']); // one per primitive
      expect(tables.reduce((s, t) => s + t.rows.length, 0)).toBe(layer.features.length);
      const byId = new Map(layer.features.map((f, i) => [f.id, i]));
      for (const row of tables.flatMap((t) => t.rows)) {
        const feature = layer.features[byId.get(row.id as string)!];
        expect(row).toEqual(featurePropertyRow(featureTypeToClassId(feature.type), feature));
      }
      // Every vertex's feature ID names the row of a feature that owns a vertex at that position.
      const positions = ecefPositions(doc, frame.toEcefMatrix());
      const prims = doc.getRoot().listMeshes().flatMap((m) => m.listPrimitives());
      expect(prims).toHaveLength(2); // one per material, one class
      prims.forEach((prim, p) => {
        const features = prim.getExtension<ReturnType<EXTMeshFeatures['createFeatures']>>('EXT_mesh_features')!;
        const [featureId] = features.listFeatureIDs();
        expect(featureId.getAttribute()).toBe(0);
        const { rows } = tables[p];
        expect(featureId.getPropertyTable()?.getCount()).toBe(rows.length);
        expect(featureId.getFeatureCount()).toBe(rows.length);
        const ids = prim.getAttribute('_FEATURE_ID_0')!.getArray()!;
        // Exactly the IDs 0 … featureCount − 1 occur (EXT_mesh_features featureCount).
        expect(new Set(ids).size).toBe(rows.length);
        for (let v = 0; v < ids.length; v++) {
          const feature = byId.get(rows[ids[v]].id as string)!;
          expect(owns(owners, positions[p].subarray(3 * v, 3 * v + 3), feature), `vertex ${v} of primitive ${p}`).toBe(true);
        }
      });
    });
  }

  it('aligns property arrays and the GLB chunks to 8 bytes (EXT_structural_metadata binary storage)', async () => {
    const glb = await buildGlb({ meshes: layer.meshes, features: layer.features, schema, frame });
    const { json, jsonLength } = glbJson(glb.bytes);
    expect(jsonLength % 8).toBe(0);
    const ext = (json.extensions as Record<string, { propertyTables: Array<{ properties: Record<string, Record<string, number>> }>; schema: unknown }>).EXT_structural_metadata;
    const views = json.bufferViews as Array<{ byteOffset?: number }>;
    const used = ext.propertyTables.flatMap((t) => Object.values(t.properties).flatMap((p) => [p.values, p.arrayOffsets, p.stringOffsets].filter((i) => i !== undefined)));
    expect(used.length).toBeGreaterThan(5);
    for (const index of used) expect((views[index].byteOffset ?? 0) % 8).toBe(0);
    // The schema is written verbatim, with the class present and semantics kept.
    const written = ext.schema as { id: string; version: string; classes: Record<string, { properties: Record<string, { semantic?: string }> }> };
    expect(Object.keys(written.classes)).toEqual(['building']);
    expect(written.version).toBe(schema.version);
    expect(written.classes.building.properties.id.semantic).toBe('ID');
  });

  it('writes unlit textured meshes without feature IDs (reality mesh)', async () => {
    const { encodePng } = await import('./png.test-support.ts');
    const mesh = layer.meshes[0];
    const texcoords = new Float32Array((mesh.positions.length / 3) * 2).map((_, i) => (i % 7) / 7);
    const glb = await buildGlb({
      meshes: [{ positions: mesh.positions, indices: mesh.indices, texcoords, material: { baseColor: [1, 1, 1, 1], unlit: true, texture: { mimeType: 'image/png', data: encodePng(4, 4) } } }],
      features: [], frame,
    });
    const report = await validateGlb(glb.bytes);
    expect(report.issues.filter((i) => i.severity <= 1)).toEqual([]);
    const { json } = glbJson(glb.bytes);
    expect(json.extensionsUsed).toEqual(['KHR_materials_unlit']);
    expect((json.meshes as Array<{ primitives: Array<{ attributes: Record<string, number> }> }>)[0].primitives[0].attributes).not.toHaveProperty('NORMAL');
  });
});
