// The building and everything in it: IfcBuilding → IfcBuildingStorey → walls with openings filled by windows and
// doors, slabs and spaces, with their property sets and base quantities (IFC4 ADD2 TC1 ifcproductextension,
// ifcsharedbldgelements; property set names and properties from the IFC4 Pset_/Qto_ definitions).
// Placements: site ← building ← storey (z = elevation) ← element; all lengths in metres, z up.
import type { BuildingLayout, LayoutSlab, LayoutSpace, LayoutStorey, LayoutWall } from './building-layout.ts';
import { storeyGrossArea } from './building-layout.ts';
import type { ResolvedBimProjectSpec } from './bim-project-spec.ts';
import type { WallOpening } from './facade-openings.ts';
import {
  axis2Placement3D,
  bodyShape,
  extrusion,
  localPlacement,
  polygonProfile,
  rectangleProfile,
  verticalBox,
} from './ifc4-geometry.ts';
import type { MaterialKey } from './ifc4-materials.ts';
import { MaterialAssignments } from './ifc4-materials.ts';
import type { ProjectContext } from './ifc4-project.ts';
import type { Properties } from './ifc4-properties.ts';
import {
  area,
  boolean,
  count,
  identifier,
  label,
  writePropertySet,
  writeQuantitySet,
} from './ifc4-properties.ts';
import { polygonArea, polygonPerimeter, rectArea } from './plan-geometry.ts';
import type { StepRef } from './step-file.ts';
import { enumValue } from './step-file.ts';

/** Openings overshoot the wall faces by this much (m) on each side so the boolean cut is clean. */
const OPENING_OVERSHOOT = 0.05;
/** Thickness (m) of the solid standing for a window frame with glazing, and for a door leaf. */
const FILLING_DEPTH = { window: 0.08, door: 0.05 } as const;

/**
 * Wall and slab common property sets: the element name (reference) with its thickness in mm, and fire resistance in
 * hours for a grade-1 building (GB 50016-2014 Table 5.1.2).
 */
const COMMON_PSETS = {
  exteriorWall: { name: 'Pset_WallCommon', reference: '外墙', isExternal: true, loadBearing: true, fireRating: '3.00h' },
  interiorWall: { name: 'Pset_WallCommon', reference: '内墙', isExternal: false, loadBearing: false, fireRating: '0.75h' },
  floor: { name: 'Pset_SlabCommon', reference: '楼板', isExternal: false, loadBearing: true, fireRating: '1.50h' },
  roof: { name: 'Pset_SlabCommon', reference: '屋面板', isExternal: true, loadBearing: true, fireRating: '1.50h' },
} as const;

/** Adds an element to the shared common property set of its kind. */
function addCommon(w: StoreyWriter, kind: keyof typeof COMMON_PSETS, thickness: number, element: StepRef): void {
  const { name, reference, isExternal, loadBearing, fireRating } = COMMON_PSETS[kind];
  const ref = `${reference} ${Math.round(thickness * 1000)}`;
  w.shared.add(`${kind}/${ref}`, name, {
    Reference: identifier(ref),
    IsExternal: boolean(isExternal),
    LoadBearing: boolean(loadBearing),
    FireRating: label(fireRating),
  }, element);
}

/** Property sets shared by many elements: one IfcPropertySet and one IfcRelDefinesByProperties per group. */
class SharedPropertySets {
  private readonly groups = new Map<string, { name: string; properties: Properties; objects: StepRef[] }>();

  add(key: string, name: string, properties: Properties, object: StepRef): void {
    const group = this.groups.get(key) ?? { name, properties, objects: [] };
    group.objects.push(object);
    this.groups.set(key, group);
  }

  write(ctx: ProjectContext): void {
    for (const [key, { name, properties, objects }] of this.groups)
      writePropertySet(target(ctx, `pset/${key}`, objects), name, properties);
  }
}

function target(ctx: ProjectContext, path: string, relatedObjects: readonly StepRef[]) {
  return {
    file: ctx.file,
    ownerHistory: ctx.ownerHistory,
    guids: { set: ctx.guid(path), rel: ctx.guid(`${path}/rel`) },
    relatedObjects,
  };
}

interface StoreyWriter {
  ctx: ProjectContext;
  storeyPlacement: StepRef;
  shared: SharedPropertySets;
  materials: MaterialAssignments;
  /** Products contained in the storey (walls, windows, doors, slabs). */
  contained: StepRef[];
}

/** Writes the building with its storeys and contents; returns the IfcBuilding. */
export function writeBuilding(ctx: ProjectContext, spec: ResolvedBimProjectSpec, layout: BuildingLayout): StepRef {
  const { file, ownerHistory, guid } = ctx;
  const placement = localPlacement(file, ctx.sitePlacement, [0, 0, 0]);
  const address = spec.address
    ? file.add('IFCPOSTALADDRESS', [
        null, null, null, null, [spec.address.line], null, spec.address.town, spec.address.region, spec.address.postalCode, '中国',
      ])
    : null;
  const building = file.add('IFCBUILDING', [
    guid('building'), ownerHistory, spec.name, spec.description ?? null, null, placement, null, spec.nameEn ?? null,
    enumValue('ELEMENT'), spec.origin.height, spec.origin.height, address,
  ]);
  file.add('IFCRELAGGREGATES', [guid('site/aggregates'), ownerHistory, null, null, ctx.site, [building]]);

  const shared = new SharedPropertySets();
  const materials = new MaterialAssignments();
  const storeyRefs = layout.storeys.map((storey) => {
    const path = `storey/${storey.index}`;
    const storeyPlacement = localPlacement(file, placement, [0, 0, storey.elevation]);
    const ref = file.add('IFCBUILDINGSTOREY', [
      guid(path), ownerHistory, storey.name, null, null, storeyPlacement, null, storey.longName, enumValue('ELEMENT'), storey.elevation,
    ]);
    const writer: StoreyWriter = { ctx, storeyPlacement, shared, materials, contained: [] };
    storey.walls.forEach((wall, i) => writeWall(writer, wall, `${path}/wall/${i}`));
    layout.slabs.forEach((slab, j) => {
      if (slab.storey === storey.index) writeSlab(writer, slab, storey, `slab/${j}`);
    });
    const spaces = storey.spaces.map((space, i) => writeSpace(writer, storey, space, `${path}/space/${i}`));
    file.add('IFCRELCONTAINEDINSPATIALSTRUCTURE', [guid(`${path}/contains`), ownerHistory, null, null, writer.contained, ref]);
    file.add('IFCRELAGGREGATES', [guid(`${path}/aggregates`), ownerHistory, null, null, ref, spaces]);
    const gross = storeyGrossArea(storey);
    writePropertySet(target(ctx, `${path}/pset`, [ref]), 'Pset_BuildingStoreyCommon', {
      EntranceLevel: boolean(storey.index === 0),
      AboveGround: boolean(true),
      GrossPlannedArea: area(gross),
      NetPlannedArea: area(storey.spaces.reduce((sum, s) => sum + rectArea(s.rect), 0)),
    });
    writeQuantitySet(target(ctx, `${path}/qto`, [ref]), 'Qto_BuildingStoreyBaseQuantities', {
      GrossHeight: { length: storey.height },
      NetHeight: { length: storey.height - spec.construction.slabThickness },
      GrossFloorArea: { area: gross },
    });
    return ref;
  });
  file.add('IFCRELAGGREGATES', [guid('building/aggregates'), ownerHistory, null, null, building, storeyRefs]);

  const grossFloorArea = layout.storeys.reduce((sum, s) => sum + storeyGrossArea(s), 0);
  writePropertySet(target(ctx, 'building/pset', [building]), 'Pset_BuildingCommon', {
    BuildingID: identifier(spec.id),
    NumberOfStoreys: count(layout.storeys.length),
    OccupancyType: label(spec.occupancyType),
    GrossPlannedArea: area(grossFloorArea),
    IsLandmarked: boolean(false),
  });
  writeQuantitySet(target(ctx, 'building/qto', [building]), 'Qto_BuildingBaseQuantities', {
    Height: { length: layout.bounds.zMax },
    FootprintArea: { area: storeyGrossArea(layout.storeys[0]) },
    GrossFloorArea: { area: grossFloorArea },
  });
  shared.write(ctx);
  materials.write(ctx);
  return building;
}

function writeWall(w: StoreyWriter, wall: LayoutWall, path: string): void {
  const { file, ownerHistory, bodyContext, guid } = w.ctx;
  const placement = localPlacement(file, w.storeyPlacement, [wall.origin[0], wall.origin[1], 0], wall.direction);
  const solid = extrusion(file, polygonProfile(file, wall.profile), axis2Placement3D(file, [0, 0, 0]), wall.height);
  const ref = file.add('IFCWALL', [
    guid(path), ownerHistory, wall.name, null, null, placement, bodyShape(file, bodyContext, solid), null,
    enumValue(wall.external ? 'SOLIDWALL' : 'PARTITIONING'),
  ]);
  w.contained.push(ref);
  w.materials.use(wall.external ? 'concrete' : 'masonry', ref, solid);
  addCommon(w, wall.external ? 'exteriorWall' : 'interiorWall', wall.thickness, ref);

  wall.openings.forEach((opening, i) => writeOpening(w, wall, ref, placement, opening, `${path}/opening/${i}`));
  const openingArea = wall.openings.reduce((sum, o) => sum + o.width * o.height, 0);
  const grossVolume = Math.abs(polygonArea(wall.profile)) * wall.height;
  writeQuantitySet(target(w.ctx, `${path}/qto`, [ref]), 'Qto_WallBaseQuantities', {
    Length: { length: wall.length },
    Width: { length: wall.thickness },
    Height: { length: wall.height },
    GrossSideArea: { area: wall.length * wall.height },
    NetSideArea: { area: wall.length * wall.height - openingArea },
    GrossVolume: { volume: grossVolume },
    NetVolume: { volume: grossVolume - openingArea * wall.thickness },
  });
}

/** IfcOpeningElement voiding the wall, filled by an IfcWindow or IfcDoor placed in the opening's axes. */
function writeOpening(
  w: StoreyWriter,
  wall: LayoutWall,
  wallRef: StepRef,
  wallPlacement: StepRef,
  opening: WallOpening,
  path: string,
): void {
  const { file, ownerHistory, bodyContext, guid } = w.ctx;
  // Opening axes: origin at the bottom centre of the opening on the wall's local x axis (outer face or centre line).
  const placement = localPlacement(file, wallPlacement, [opening.centre, 0, opening.sill]);
  const cut = verticalBox(file, opening.width, opening.height, wall.faceY - OPENING_OVERSHOOT, wall.thickness + 2 * OPENING_OVERSHOOT);
  const openingRef = file.add('IFCOPENINGELEMENT', [
    guid(path), ownerHistory, `洞口 ${opening.code}`, null, null, placement, bodyShape(file, bodyContext, cut), null, enumValue('OPENING'),
  ]);
  file.add('IFCRELVOIDSELEMENT', [guid(`${path}/voids`), ownerHistory, null, null, wallRef, openingRef]);

  const depth = FILLING_DEPTH[opening.kind];
  const body = verticalBox(file, opening.width, opening.height, wall.faceY + wall.thickness / 2 - depth / 2, depth);
  const fillingPlacement = localPlacement(file, placement, [0, 0, 0]);
  const isWindow = opening.kind === 'window';
  const filling = file.add(isWindow ? 'IFCWINDOW' : 'IFCDOOR', [
    guid(`${path}/filling`), ownerHistory, opening.code, null, null, fillingPlacement, bodyShape(file, bodyContext, body), null,
    opening.height, opening.width, enumValue(isWindow ? 'WINDOW' : 'DOOR'),
    enumValue(isWindow ? 'SINGLE_PANEL' : opening.width >= 1.8 ? 'DOUBLE_DOOR_SINGLE_SWING' : 'SINGLE_SWING_LEFT'),
    null,
  ]);
  file.add('IFCRELFILLSELEMENT', [guid(`${path}/fills`), ownerHistory, null, null, openingRef, filling]);
  w.contained.push(filling);
  const material: MaterialKey = isWindow ? 'glazing' : 'timber';
  w.materials.use(material, filling, body);
  const key = `${opening.code}/${wall.external ? 'external' : 'internal'}`;
  w.shared.add(key, isWindow ? 'Pset_WindowCommon' : 'Pset_DoorCommon', {
    Reference: identifier(opening.code),
    IsExternal: boolean(wall.external),
    ...(isWindow ? {} : { HandicapAccessible: boolean(opening.width >= 0.9), FireExit: boolean(wall.external) }),
  }, filling);
}

function writeSlab(w: StoreyWriter, slab: LayoutSlab, storey: LayoutStorey, path: string): void {
  const { file, ownerHistory, bodyContext, guid } = w.ctx;
  const placement = localPlacement(file, w.storeyPlacement, [0, 0, slab.top - storey.elevation]);
  // Top face at the placement's z = 0; the slab hangs below it.
  const solid = extrusion(file, polygonProfile(file, slab.outline), axis2Placement3D(file, [0, 0, -slab.thickness]), slab.thickness);
  const ref = file.add('IFCSLAB', [
    guid(path), ownerHistory, slab.name, null, null, placement, bodyShape(file, bodyContext, solid), null, enumValue(slab.kind),
  ]);
  w.contained.push(ref);
  w.materials.use('concrete', ref, solid);
  addCommon(w, slab.kind === 'ROOF' ? 'roof' : 'floor', slab.thickness, ref);
  const grossArea = polygonArea(slab.outline);
  writeQuantitySet(target(w.ctx, `${path}/qto`, [ref]), 'Qto_SlabBaseQuantities', {
    Width: { length: slab.thickness },
    Perimeter: { length: polygonPerimeter(slab.outline) },
    GrossArea: { area: grossArea },
    GrossVolume: { volume: grossArea * slab.thickness },
  });
}

function writeSpace(w: StoreyWriter, storey: LayoutStorey, space: LayoutSpace, path: string): StepRef {
  const { file, ownerHistory, bodyContext, guid } = w.ctx;
  const { x0, y0, x1, y1 } = space.rect;
  const placement = localPlacement(file, w.storeyPlacement, [(x0 + x1) / 2, (y0 + y1) / 2, 0]);
  const solid = extrusion(file, rectangleProfile(file, x1 - x0, y1 - y0), axis2Placement3D(file, [0, 0, 0]), space.height);
  const ref = file.add('IFCSPACE', [
    guid(path), ownerHistory, space.number, null, null, placement, bodyShape(file, bodyContext, solid), space.longName,
    enumValue('ELEMENT'), enumValue('INTERNAL'), null,
  ]);
  w.materials.use('air', ref, solid);
  const floorArea = rectArea(space.rect);
  writePropertySet(target(w.ctx, `${path}/pset`, [ref]), 'Pset_SpaceCommon', {
    Reference: identifier(space.number),
    IsExternal: boolean(false),
    GrossPlannedArea: area(floorArea),
    NetPlannedArea: area(floorArea),
    PubliclyAccessible: boolean(space.kind !== 'room'),
    HandicapAccessible: boolean(storey.index === 0 || space.kind !== 'room'),
  });
  writeQuantitySet(target(w.ctx, `${path}/qto`, [ref]), 'Qto_SpaceBaseQuantities', {
    Height: { length: space.height },
    NetFloorArea: { area: floorArea },
    NetPerimeter: { length: 2 * (x1 - x0 + y1 - y0) },
    NetVolume: { volume: floorArea * space.height },
  });
  return ref;
}
