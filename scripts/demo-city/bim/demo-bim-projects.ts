// The demo city's BIM projects under review by the construction bureau, placed on parcels chosen by the demo-city
// generator. Names, permit numbers and organisations are invented; 500117 is Hechuan District's administrative code.
import type { BimProjectSpec } from './bim-project-spec.ts';
import { bimProjectSpecSchema } from './bim-project-spec.ts';
import { layoutBuilding } from './building-layout.ts';

/**
 * Where a project goes: a parcel and the EPSG:4544 position (easting, northing, m) of the centre of the building's
 * ground footprint, the orthometric height of its ±0.000 floor level (1985 national height datum, m), and the
 * rotation of the building's local x axis from grid east, counter-clockwise, degrees. The front façade with the main
 * entrance runs along local +x and faces local −y, i.e. towards the grid bearing rotationDeg − 90° (CCW from east).
 */
export interface BimSite {
  parcelId: string;
  easting: number;
  northing: number;
  height: number;
  rotationDeg: number;
}

type Template = Omit<BimProjectSpec, 'parcelId' | 'origin' | 'rotationDeg'>;

const HECHUAN_ADDRESS = { town: '合川区', region: '重庆市', postalCode: '401520' };

const TEMPLATES: Template[] = [
  {
    id: 'BIM-2026-001',
    name: '合川滨江社区服务中心',
    nameEn: 'Hechuan Riverside Community Service Centre',
    description: '5 层 L 形社区服务中心：社区办公、老年日间照料、图书阅览',
    permitNumber: '500117202600012',
    status: 'approved',
    dates: { submitted: '2026-03-02', reviewed: '2026-03-16', decided: '2026-04-08' },
    developer: '重庆市合川区城市建设投资（集团）有限公司',
    occupancyType: 'community service centre',
    address: { line: '南津街街道滨江路 88 号', ...HECHUAN_ADDRESS },
    tiers: [
      {
        name: 'main',
        use: '社区服务用房',
        footprint: { kind: 'l-shape', width: 48, depth: 36, barDepth: 16, wingWidth: 18 },
        storeys: 5,
        storeyHeight: 3.9,
      },
    ],
  },
  {
    id: 'BIM-2026-002',
    name: '滨江悦府 3 号楼',
    nameEn: 'Riverside Yuefu Residential Tower 3',
    description: '2 层商业裙房 + 10 层住宅塔楼',
    permitNumber: '500117202600031',
    status: 'under-review',
    dates: { submitted: '2026-05-11', reviewed: '2026-05-18' },
    developer: '重庆合川滨江置业有限公司',
    occupancyType: 'residential with retail podium',
    address: { line: '南津街街道滨江路 120 号', ...HECHUAN_ADDRESS },
    tiers: [
      { name: 'podium', use: '商业', footprint: { kind: 'rectangle', width: 40, depth: 24 }, storeys: 2, storeyHeight: 4.5 },
      {
        name: 'tower',
        use: '住宅',
        footprint: { kind: 'rectangle', width: 28, depth: 16 },
        offset: { x: 0, y: 2 },
        storeys: 10,
        storeyHeight: 3,
      },
    ],
  },
  {
    id: 'BIM-2026-003',
    name: '南津街幼儿园',
    nameEn: 'Nanjin Street Kindergarten',
    description: '3 层 9 班幼儿园',
    permitNumber: '500117202600047',
    status: 'submitted',
    dates: { submitted: '2026-06-03' },
    developer: '重庆市合川区教育委员会',
    occupancyType: 'kindergarten',
    address: { line: '南津街街道学府路 6 号', ...HECHUAN_ADDRESS },
    tiers: [
      { name: 'main', use: '活动室', footprint: { kind: 'rectangle', width: 42, depth: 18 }, storeys: 3, storeyHeight: 3.6 },
    ],
  },
];

/**
 * One project per site, in order: approved (L-shaped community centre), under review (podium + tower), submitted
 * (kindergarten). Extra sites are ignored; with two sites the submitted project is left out.
 */
export function demoBimProjects(sites: readonly BimSite[]): BimProjectSpec[] {
  if (sites.length < 2) throw new Error(`demoBimProjects: need at least 2 sites (approved + under review), got ${sites.length}`);
  return TEMPLATES.slice(0, sites.length).map((template, i) => {
    const { parcelId, easting, northing, height, rotationDeg } = sites[i];
    return { ...template, parcelId, origin: { easting, northing, height }, rotationDeg };
  });
}

/**
 * Size of each demo building so parcels can be chosen before placing them: footprint width (local x) × depth
 * (local y) and height above ±0.000, metres.
 */
export function demoBimExtents(): Array<{ id: string; width: number; depth: number; height: number }> {
  return TEMPLATES.map((template) => {
    const spec = bimProjectSpecSchema.parse({ ...template, parcelId: '-', origin: { easting: 0, northing: 0, height: 0 }, rotationDeg: 0 });
    const { plan, zMax } = layoutBuilding(spec).bounds;
    return { id: spec.id, width: plan.x1 - plan.x0, depth: plan.y1 - plan.y0, height: zMax };
  });
}
