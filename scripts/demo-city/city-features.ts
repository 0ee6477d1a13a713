/**
 * The generated layout as CIM feature inputs (cim-model/features): buildings, roads, parcels and the storm
 * drainage network. Coordinates EPSG:4544 [easting, northing(, H)], metres, heights 1985 datum.
 */
import type { Building } from './buildings.ts';
import type { DrainageNetwork } from './drainage-network.ts';
import { closedRing, mm, source, type FeatureInput } from './feature-input.ts';
import { LAND_USE_CLASSES } from './land-use-codes.ts';
import { planningIndicators, type Parcel } from './parcels.ts';
import type { Road, RoadClass } from './road-network.ts';

/** Build years by building use: old town older, terraces newer (synthetic). */
const BUILT: Record<string, [number, number]> = { 'old-town': [1965, 2005], village: [1975, 2015] };

export function buildingFeatures(buildings: readonly Building[], parcels: readonly Parcel[]): Array<FeatureInput<'building'>> {
  const parcel = new Map(parcels.map((p) => [p.id, p]));
  return buildings.map((b, n) => {
    const p = parcel.get(b.parcelId) as Parcel;
    const [y0, y1] = BUILT[p.district] ?? [1998, 2024];
    return {
      type: 'building', id: b.id, source: source('buildings.geojson'),
      geometry: { type: 'Polygon', coordinates: [closedRing(b.ring)] },
      height: b.height, baseElevation: b.base, floors: b.floors,
      use: b.use === 'warehouse' ? 'industrial' : b.use,
      roofType: b.use === 'industrial' || b.use === 'warehouse' ? 'shed' : 'flat',
      yearBuilt: y0 + ((n * 7919) % (y1 - y0 + 1)),
      attributes: { parcelId: b.parcelId, district: p.district, footprintArea: mm(b.footprintArea) },
    };
  });
}

/** CJJ 37-2012 class, lanes and design speed per generated road class. */
const ROAD_CLASS: Record<RoadClass, { cls: 'arterial' | 'secondary' | 'branch'; speed: number; laneWidth: number }> = {
  arterial: { cls: 'arterial', speed: 50, laneWidth: 3.5 },
  bridge: { cls: 'arterial', speed: 50, laneWidth: 3.5 },
  riverside: { cls: 'secondary', speed: 40, laneWidth: 3.5 },
  major: { cls: 'secondary', speed: 40, laneWidth: 3.5 },
  street: { cls: 'branch', speed: 30, laneWidth: 3.25 },
};

export function roadFeatures(roads: readonly Road[]): Array<FeatureInput<'road'>> {
  return roads.map((r) => {
    const c = ROAD_CLASS[r.roadClass];
    // Width is kerb to kerb plus footways; carriageway ≈ 70 % of it.
    const carriageway = mm(r.width * 0.7);
    return {
      type: 'road', id: r.id, name: r.name, source: source('roads.geojson'),
      geometry: { type: 'LineString', coordinates: r.line.map((p) => [mm(p[0]), mm(p[1])] as [number, number]) },
      class: c.cls, width: carriageway, redLineWidth: r.width, lanes: Math.max(1, Math.floor(carriageway / c.laneWidth)),
      designSpeed: c.speed, oneWay: false,
      attributes: { bridge: r.bridge, district: r.district ?? null, generatedClass: r.roadClass },
    };
  });
}

export function parcelFeatures(parcels: readonly Parcel[]): Array<FeatureInput<'parcel'>> {
  return parcels.map((p) => {
    const ind = planningIndicators(p);
    return {
      type: 'parcel', id: p.id, source: source('parcels.geojson'),
      geometry: { type: 'Polygon', coordinates: [closedRing(p.ring)] },
      landUse: LAND_USE_CLASSES[p.landUse].code, area: mm(p.area), heightLimit: ind.heightLimit,
      floorAreaRatio: ind.maxFar, buildingCoverage: ind.maxCoverage, greenRatio: ind.minGreenRatio,
      setbacks: { front: 5, side: 3, rear: 3 },
      attributes: { district: p.district, landUseName: LAND_USE_CLASSES[p.landUse].name, landUseNameZh: LAND_USE_CLASSES[p.landUse].nameZh },
    };
  });
}

export function drainageFeatures(net: DrainageNetwork) {
  const file = 'drainage.geojson';
  const manholes: Array<FeatureInput<'manhole'>> = [];
  const outfalls: Array<FeatureInput<'outfall'>> = [];
  for (const n of net.nodes) {
    const geometry = { type: 'Point' as const, coordinates: [mm(n.x), mm(n.y), n.rim] as [number, number, number] };
    if (n.kind === 'manhole') {
      manholes.push({
        type: 'manhole', id: n.id, source: source(file), network: 'storm', kind: 'manhole', geometry,
        rimElevation: n.rim, invertElevation: n.invert, shaftDiameter: 1, pondedArea: 20,
        cover: { shape: 'circular', diameter: 0.7, material: 'ductile-iron', loadClass: 'D400', locked: true },
        attributes: { roadId: n.roadId ?? null, catchmentArea: mm(n.catchmentArea), impervious: mm(n.impervious) },
      });
    } else {
      const fixed = n.waterLevel !== undefined && n.waterLevel > n.invert;
      outfalls.push({
        type: 'outfall', id: n.id, source: source(file), network: 'storm', geometry, invertElevation: n.invert,
        boundary: fixed ? 'fixed' : 'free', ...(fixed ? { fixedStage: n.waterLevel } : {}),
        receivingReach: n.river?.id, flapGate: true,
      });
    }
  }
  const pipes: Array<FeatureInput<'pipe'>> = net.pipes.map((p) => {
    const a = net.nodes[p.from];
    const b = net.nodes[p.to];
    return {
      type: 'pipe', id: p.id, source: source(file), network: 'storm',
      geometry: { type: 'LineString', coordinates: [[mm(a.x), mm(a.y), a.invert], [mm(b.x), mm(b.y), b.invert]] },
      section: { shape: 'circular', diameter: p.diameter }, material: p.diameter >= 0.8 ? 'reinforced-concrete' : 'concrete',
      fromNode: a.id, toNode: b.id, length: p.length, upstreamInvert: a.invert, downstreamInvert: b.invert, roughness: net.options.roughness,
      attributes: { contributingArea: mm(p.area), designFlow: p.designFlow },
    };
  });
  return { manholes, outfalls, pipes };
}
