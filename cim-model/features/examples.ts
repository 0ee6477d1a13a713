/**
 * One valid example feature of every type, in input form (defaults omitted), for tests and docs.
 * Coordinates: EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E), easting first, metres;
 * heights in m above the 1985 national height datum.
 */
import type { FeatureInputOfType, FeatureType } from './cim-feature.ts';

const source = { dataset: 'example', file: 'examples.ts' };
const CRS = 'EPSG:4547';

export const EXAMPLE_FEATURES: { [T in FeatureType]: FeatureInputOfType<T> } = {
  terrain: {
    type: 'terrain', id: 'DEM-1', source, crs: CRS,
    extent: [530000, 3380000, 532000, 3382000], resolution: 2, file: 'dem/dem-2m.tif', nodata: -9999,
  },
  'reality-mesh': {
    type: 'reality-mesh', id: 'MESH-1', source, srs: CRS, srsOrigin: [531000, 3381000, 0],
    format: 'osgb', tileCount: 16, producer: 'ContextCapture', path: 'oblique/Data', captureDate: '2024-05-10',
  },
  building: {
    type: 'building', id: 'B-001', name: 'No. 1 Block', source,
    geometry: { type: 'Polygon', coordinates: [[[531000, 3381000], [531020, 3381000], [531020, 3381015], [531000, 3381015], [531000, 3381000]]] },
    height: 54.3, baseElevation: 22.1, floors: 18, undergroundFloors: 2, use: 'residential', roofType: 'flat', yearBuilt: 2012,
  },
  'bim-project': {
    type: 'bim-project', id: 'BIM-2024-017', name: 'Riverside School', source, permitNumber: '建字第420102202400017号',
    status: 'approved', submittedDate: '2024-03-01', reviewedDate: '2024-03-10', decidedDate: '2024-04-02',
    parcelId: 'P-A33-01', developer: 'City Education Bureau', ifcFile: 'bim/school.ifc', ifcSchema: 'IFC4',
    placement: { origin: [531100, 3381200, 22.5], rotation: 12.5 },
  },
  'bim-element': {
    type: 'bim-element', id: '2O2Fr$t4X7Zf8NOew3FLOH', source, guid: '2O2Fr$t4X7Zf8NOew3FLOH', ifcClass: 'IfcWall',
    projectId: 'BIM-2024-017', storey: 'Level 1',
    propertySets: { Pset_WallCommon: { IsExternal: true, FireRating: 'REI 120', ThermalTransmittance: 0.35 } },
  },
  pipe: {
    type: 'pipe', id: 'P-0012', source, network: 'storm',
    geometry: { type: 'LineString', coordinates: [[531000, 3381000, 19.2], [531040, 3381000, 19.0]] },
    section: { shape: 'circular', diameter: 0.8 }, material: 'reinforced-concrete',
    fromNode: 'MH-001', toNode: 'MH-002', length: 40, upstreamInvert: 19.2, downstreamInvert: 19.0, roughness: 0.013,
  },
  manhole: {
    type: 'manhole', id: 'MH-001', source, network: 'storm', geometry: { type: 'Point', coordinates: [531000, 3381000] },
    rimElevation: 22.0, invertElevation: 19.2, shaftDiameter: 1.0,
    cover: { shape: 'circular', diameter: 0.7, material: 'ductile-iron', loadClass: 'D400', locked: true },
  },
  outfall: {
    type: 'outfall', id: 'OF-01', source, network: 'storm', geometry: { type: 'Point', coordinates: [531300, 3381000] },
    invertElevation: 17.5, boundary: 'river', receivingReach: 'R-1', flapGate: true,
  },
  'river-reach': {
    type: 'river-reach', id: 'R-1', name: 'Qingshan River', source,
    geometry: { type: 'LineString', coordinates: [[531300, 3382000], [531320, 3381000], [531350, 3380000]] },
    manningChannel: 0.035, manningLeftBank: 0.06, manningRightBank: 0.06, leftBankElevation: 21.5, rightBankElevation: 21.8,
  },
  'cross-section': {
    type: 'cross-section', id: 'R-1-XS-1000', source, reachId: 'R-1', chainage: 1000,
    points: [[0, 21.5], [5, 18.0], [10, 16.2], [20, 16.0], [25, 18.2], [30, 21.8]],
    leftBankStation: 5, rightBankStation: 25,
  },
  sensor: {
    type: 'sensor', id: 'S-RL-01', name: 'Qingshan River gauge', source, kind: 'river-level', unit: 'm',
    geometry: { type: 'Point', coordinates: [531320, 3381000, 22.0] }, observes: 'R-1',
    thresholds: { direction: 'above', warning: 19.5, alarm: 20.5, critical: 21.2 }, datumElevation: 15.0, samplingInterval: 300,
  },
  parcel: {
    type: 'parcel', id: 'P-A33-01', source, landUse: 'A33',
    geometry: { type: 'Polygon', coordinates: [[[531080, 3381180], [531200, 3381180], [531200, 3381300], [531080, 3381300], [531080, 3381180]]] },
    area: 14400, heightLimit: 24, floorAreaRatio: 1.2, buildingCoverage: 0.3, greenRatio: 0.35,
    setbacks: { front: 10, side: 6, rear: 8 },
  },
  road: {
    type: 'road', id: 'RD-1', name: 'Heping Avenue', source, class: 'arterial', width: 24, redLineWidth: 40, lanes: 6, designSpeed: 50,
    geometry: { type: 'LineString', coordinates: [[530000, 3381050], [532000, 3381050]] },
  },
  shelter: {
    type: 'shelter', id: 'SH-1', name: 'Riverside Park shelter', source, kind: 'fixed', capacity: 5000, area: 10000,
    geometry: { type: 'Point', coordinates: [531500, 3381500] }, groundElevation: 24.0,
  },
};
