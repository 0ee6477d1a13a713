// IFC4 geometry and placement instances (ifcgeometryresource, ifcgeometricconstraintresource, ifcprofileresource).
// Lengths in metres in the coordinate system of the referenced placement. Points, directions, profiles, solids and
// shape representations are written once and shared (their inverse attributes allow several users).
import type { Point2 } from './plan-geometry.ts';
import type { StepFile, StepRef } from './step-file.ts';
import { enumValue } from './step-file.ts';

export type Point3 = readonly [number, number, number];

export function cartesianPoint(file: StepFile, coordinates: Point2 | Point3): StepRef {
  return file.shared('IFCCARTESIANPOINT', [coordinates]);
}

export function direction(file: StepFile, ratios: Point2 | Point3): StepRef {
  return file.shared('IFCDIRECTION', [ratios]);
}

/**
 * IfcAxis2Placement3D at `location`; `axis` (local z) and `refDirection` (local x) are left unset ($) when they are
 * the defaults (0,0,1) and (1,0,0).
 */
export function axis2Placement3D(file: StepFile, location: Point3, axis?: Point3, refDirection?: Point3): StepRef {
  const isDefault = (v: Point3 | undefined, d: Point3): boolean => !v || v.every((x, i) => Math.abs(x - d[i]) < 1e-12);
  const standard = isDefault(axis, [0, 0, 1]) && isDefault(refDirection, [1, 0, 0]);
  return file.shared('IFCAXIS2PLACEMENT3D', [
    cartesianPoint(file, location),
    standard ? null : direction(file, axis ?? [0, 0, 1]),
    standard ? null : direction(file, refDirection ?? [1, 0, 0]),
  ]);
}

/** IfcLocalPlacement relative to `relativeTo` (or absolute when null), local x axis turned to `xDirection` in plan. */
export function localPlacement(file: StepFile, relativeTo: StepRef | null, location: Point3, xDirection?: Point2): StepRef {
  const ref: Point3 | undefined = xDirection ? [xDirection[0], xDirection[1], 0] : undefined;
  return file.add('IFCLOCALPLACEMENT', [relativeTo, axis2Placement3D(file, location, ref && [0, 0, 1], ref)]);
}

/** IfcArbitraryClosedProfileDef over a closed IfcPolyline (first point repeated at the end, as IFC4 requires). */
export function polygonProfile(file: StepFile, points: readonly Point2[]): StepRef {
  const refs = [...points, points[0]].map((p) => cartesianPoint(file, p));
  return file.shared('IFCARBITRARYCLOSEDPROFILEDEF', [enumValue('AREA'), null, file.shared('IFCPOLYLINE', [refs])]);
}

/**
 * IfcRectangleProfileDef `xDim` × `yDim` centred on the profile origin. Position is optional in IFC4 but written
 * anyway: web-ifc 0.0.78 reads it as a required reference.
 */
export function rectangleProfile(file: StepFile, xDim: number, yDim: number): StepRef {
  const position = file.shared('IFCAXIS2PLACEMENT2D', [cartesianPoint(file, [0, 0]), null]);
  return file.shared('IFCRECTANGLEPROFILEDEF', [enumValue('AREA'), null, position, xDim, yDim]);
}

/** IfcExtrudedAreaSolid: `profile` in the x/y plane of `position`, swept `depth` m along that position's +z. */
export function extrusion(file: StepFile, profile: StepRef, position: StepRef, depth: number): StepRef {
  return file.shared('IFCEXTRUDEDAREASOLID', [profile, position, direction(file, [0, 0, 1]), depth]);
}

/** IfcProductDefinitionShape holding one 'Body' / 'SweptSolid' IfcShapeRepresentation. */
export function bodyShape(file: StepFile, bodyContext: StepRef, solid: StepRef): StepRef {
  const representation = file.shared('IFCSHAPEREPRESENTATION', [bodyContext, 'Body', 'SweptSolid', [solid]]);
  return file.shared('IFCPRODUCTDEFINITIONSHAPE', [null, null, [representation]]);
}

/**
 * A box `width` (local x) × `height` (local z) standing on z = 0, cut from the vertical plane y = `y0` and extruded
 * `depth` m towards +y: the shape of openings, windows and doors in a wall's axes.
 */
export function verticalBox(file: StepFile, width: number, height: number, y0: number, depth: number): StepRef {
  // Profile plane: x along the wall, profile y along −z (= axis × refDirection), extrusion along the wall's +y.
  const position = axis2Placement3D(file, [0, y0, height / 2], [0, 1, 0], [1, 0, 0]);
  return extrusion(file, rectangleProfile(file, width, height), position, depth);
}

