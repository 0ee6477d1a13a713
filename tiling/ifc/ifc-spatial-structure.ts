/**
 * The storey of each element (IFC4 ifcproductextension): an element is contained in a spatial
 * structure element through IfcRelContainedInSpatialStructure, or is a part of an aggregate
 * (IfcRelAggregates: a stair's flights, a roof's slabs, a storey's spaces) that is; walking up
 * those relations ends at an IfcBuildingStorey or at a site, building or facility without one.
 */
import { IFCBUILDINGSTOREY, IFCRELAGGREGATES, IFCRELCONTAINEDINSPATIALSTRUCTURE } from 'web-ifc';
import { stepNumber, stepRef, stepRefs, stepString, type IfcModel } from './ifc-model.ts';

export interface StoreyInfo {
  id: number;
  name: string;
  /** IfcBuildingStorey.Elevation in metres, when given. */
  elevation?: number;
}

export interface SpatialStructure {
  storeys: StoreyInfo[];
  /** The storey an element belongs to, or undefined. */
  storeyOf(elementId: number): StoreyInfo | undefined;
}

const MAX_DEPTH = 16;

export function readSpatialStructure(model: IfcModel, unit: number): SpatialStructure {
  const parent = new Map<number, number>();
  for (const rel of model.idsOf(IFCRELCONTAINEDINSPATIALSTRUCTURE)) {
    const r = model.line(rel);
    const structure = stepRef(r.RelatingStructure);
    if (structure !== undefined) for (const e of stepRefs(r.RelatedElements)) parent.set(e, structure);
  }
  for (const rel of model.idsOf(IFCRELAGGREGATES)) {
    const r = model.line(rel);
    const whole = stepRef(r.RelatingObject);
    if (whole !== undefined) for (const part of stepRefs(r.RelatedObjects)) if (!parent.has(part)) parent.set(part, whole);
  }
  const storeys = new Map<number, StoreyInfo>();
  for (const id of model.idsOf(IFCBUILDINGSTOREY)) {
    const s = model.line(id);
    const elevation = stepNumber(s.Elevation);
    storeys.set(id, {
      id,
      name: stepString(s.Name) ?? stepString(s.LongName) ?? `#${id}`,
      ...(elevation !== undefined ? { elevation: elevation * unit } : {}),
    });
  }
  return {
    storeys: [...storeys.values()].sort((a, b) => (a.elevation ?? 0) - (b.elevation ?? 0)),
    storeyOf(elementId) {
      let id: number | undefined = elementId;
      for (let depth = 0; id !== undefined && depth < MAX_DEPTH; depth++) {
        const storey = storeys.get(id);
        if (storey) return storey;
        id = parent.get(id);
      }
      return undefined;
    },
  };
}
