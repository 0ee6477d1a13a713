// IfcProject with units, the 3D 'Model' context, its georeferencing (IfcMapConversion → IfcProjectedCRS EPSG:4544)
// and the IfcSite carrying the same position as latitude / longitude.
// Attribute orders: IFC4 ADD2 TC1, https://standards.buildingsmart.org/IFC/RELEASE/IFC4/ADD2_TC1/HTML/
// (ifcrepresentationresource IfcMapConversion, IfcProjectedCRS, IfcGeometricRepresentationContext; ifckernel IfcProject;
// ifcproductextension IfcSite). Georeferencing practice: buildingSMART "User Guide for Geo-referencing in IFC" (2020),
// level of georeferencing 50.
import type { ResolvedBimProjectSpec } from './bim-project-spec.ts';
import {
  compoundPlaneAngle,
  epsg4544ToLonLat,
  mapConversionAxis,
  trueNorthInLocal,
} from './georeference.ts';
import { axis2Placement3D, direction, localPlacement } from './ifc4-geometry.ts';
import type { StepFile, StepRef } from './step-file.ts';
import { DERIVED, enumValue, integer } from './step-file.ts';

/** What every later writer needs. */
export interface IfcWriteContext {
  file: StepFile;
  ownerHistory: StepRef;
  /** 'Body' sub-context of the 'Model' context, for all shape representations. */
  bodyContext: StepRef;
  /** Deterministic GlobalId for a path inside this project, e.g. 'storey/2/wall/3'. */
  guid: (path: string) => string;
}

export interface ProjectContext extends IfcWriteContext {
  project: StepRef;
  site: StepRef;
  sitePlacement: StepRef;
  /** Organisations named in the approval: the applicant and the reviewing authority. */
  developer: StepRef;
  authority: StepRef;
}

/** IFC names of the target CRS, so readers can check them. */
export const PROJECTED_CRS = {
  name: 'EPSG:4544',
  description: 'CGCS2000 / 3-degree Gauss-Kruger CM 105E; heights: Yellow Sea 1985 (1985 National Height Datum, EPSG:5737)',
  geodeticDatum: 'CGCS2000',
  verticalDatum: 'EPSG:5737',
  mapProjection: 'Gauss-Kruger',
  mapZone: '3-degree CM 105E',
} as const;

/** Seconds since 1970 for 09:00 China Standard Time (UTC+8) on an ISO date: the IfcTimeStamp of the submission. */
export function submissionTimeStamp(isoDate: string): number {
  return Date.parse(`${isoDate}T09:00:00+08:00`) / 1000;
}

export function writeProjectContext(
  file: StepFile,
  spec: ResolvedBimProjectSpec,
  guid: (path: string) => string,
): ProjectContext {
  const person = file.add('IFCPERSON', [null, 'Designer', 'Demo', null, null, null, null, null]);
  const developer = file.add('IFCORGANIZATION', [null, spec.developer, null, null, null]);
  const authority = file.add('IFCORGANIZATION', [null, spec.authority, null, null, null]);
  const toolMaker = file.add('IFCORGANIZATION', [null, 'cimflow', null, null, null]);
  const user = file.add('IFCPERSONANDORGANIZATION', [person, developer, null]);
  const application = file.add('IFCAPPLICATION', [toolMaker, '0.1.0', 'cimflow demo-city BIM generator', 'cimflow']);
  const created = integer(submissionTimeStamp(spec.dates.submitted));
  const ownerHistory = file.add('IFCOWNERHISTORY', [user, application, null, enumValue('ADDED'), null, null, null, created]);

  const metre = file.add('IFCSIUNIT', [DERIVED, enumValue('LENGTHUNIT'), null, enumValue('METRE')]);
  const units = file.add('IFCUNITASSIGNMENT', [
    [
      metre,
      file.add('IFCSIUNIT', [DERIVED, enumValue('AREAUNIT'), null, enumValue('SQUARE_METRE')]),
      file.add('IFCSIUNIT', [DERIVED, enumValue('VOLUMEUNIT'), null, enumValue('CUBIC_METRE')]),
      file.add('IFCSIUNIT', [DERIVED, enumValue('PLANEANGLEUNIT'), null, enumValue('RADIAN')]),
    ],
  ]);

  // The engineering CRS: x, y, z in metres, origin at the building's ±0.000 point; TrueNorth is geographic north in it.
  const { easting, northing, height } = spec.origin;
  const trueNorth = direction(file, trueNorthInLocal(easting, northing, spec.rotationDeg));
  const model = file.add('IFCGEOMETRICREPRESENTATIONCONTEXT', [null, 'Model', integer(3), 1e-5, axis2Placement3D(file, [0, 0, 0]), trueNorth]);
  const bodyContext = file.add('IFCGEOMETRICREPRESENTATIONSUBCONTEXT', [
    'Body', 'Model', DERIVED, DERIVED, DERIVED, DERIVED, model, null, enumValue('MODEL_VIEW'), null,
  ]);
  const crs = file.add('IFCPROJECTEDCRS', [
    PROJECTED_CRS.name,
    PROJECTED_CRS.description,
    PROJECTED_CRS.geodeticDatum,
    PROJECTED_CRS.verticalDatum,
    PROJECTED_CRS.mapProjection,
    PROJECTED_CRS.mapZone,
    metre,
  ]);
  // E = Eastings + Scale·(x·XAxisAbscissa − y·XAxisOrdinate), N = Northings + Scale·(x·XAxisOrdinate + y·XAxisAbscissa),
  // H = OrthogonalHeight + z (IFC4 IfcMapConversion, informal propositions).
  const axis = mapConversionAxis(spec.rotationDeg);
  file.add('IFCMAPCONVERSION', [model, crs, easting, northing, height, axis.abscissa, axis.ordinate, 1]);

  const project = file.add('IFCPROJECT', [
    guid('project'), ownerHistory, spec.id, spec.description ?? null, null, spec.name, null, [model], units,
  ]);

  const { lon, lat } = epsg4544ToLonLat(easting, northing);
  const sitePlacement = localPlacement(file, null, [0, 0, 0]);
  const site = file.add('IFCSITE', [
    guid('site'), ownerHistory, spec.parcelId, null, null, sitePlacement, null, `地块 ${spec.parcelId}`, enumValue('ELEMENT'),
    compoundPlaneAngle(lat).map(integer), compoundPlaneAngle(lon).map(integer), height, spec.parcelId, null,
  ]);
  file.add('IFCRELAGGREGATES', [guid('project/aggregates'), ownerHistory, null, null, project, [site]]);
  return { file, ownerHistory, bodyContext, guid, project, site, sitePlacement, developer, authority };
}
