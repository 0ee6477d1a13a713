/**
 * Pipe networks in IFC 4.3 (ifcsharedbldgserviceelements / ifchvacdomain): IfcPipeSegment links
 * between IfcDistributionChamberElement nodes, joined through IfcDistributionPort objects nested in
 * each element (IfcRelNests; IfcRelConnectsPortToElement in IFC2X3/IFC4) and connected pairwise by
 * IfcRelConnectsPorts. A pipe's SINK port is its upstream end (flow enters it there), its SOURCE
 * port the downstream end. The network type comes from the IfcDistributionSystem the elements are
 * grouped into (IfcRelAssignsToGroup) — STORMWATER → storm, SEWAGE → sewer, …
 *
 * Ports sit on the pipe axis, so the invert at each end is the port height minus the inside radius
 * of the section (IfcCircleHollowProfileDef Radius − WallThickness). Chambers become manholes whose
 * rim and invert are the top and bottom of their own geometry. Heights are those of the georef's
 * map CRS (orthometric when it names a vertical datum).
 */
import {
  IFCDISTRIBUTIONCHAMBERELEMENT, IFCDISTRIBUTIONPORT, IFCFLOWSEGMENT, IFCPIPESEGMENT, IFCRELASSIGNSTOGROUP,
  IFCRELASSOCIATESMATERIAL, IFCRELCONNECTSPORTS, IFCRELCONNECTSPORTTOELEMENT, IFCRELDEFINESBYTYPE, IFCRELNESTS,
} from 'web-ifc';
import type { Manhole, Pipe, PipeNetwork } from '../../cim-model/index.ts';
import { elementBounds, type ElementGeometry } from './ifc-geometry.ts';
import type { IfcGeoref } from './ifc-georef.ts';
import { IfcImportError } from './ifc-import-error.ts';
import { stepNumber, stepNumbers, stepRef, stepRefs, stepString, type IfcModel } from './ifc-model.ts';

type PipeMaterial = NonNullable<Pipe['material']>;
type PipeSection = Pipe['section'];

export interface IfcPipeNetworkOptions {
  /** Network for elements that no IfcDistributionSystem with a known type groups. */
  network?: PipeNetwork;
  /** Manning n (s/m^(1/3)) by pipe material, and for pipes of unknown material. */
  roughness?: Partial<Record<PipeMaterial | 'unknown', number>>;
}

/** Manning n for common pipe materials (Chow 1959, Table 5-6; GB 50014-2021 §5.2.2 table 5.2.2-2). */
export const IFC_PIPE_NETWORK_DEFAULTS = {
  roughness: {
    concrete: 0.013, 'reinforced-concrete': 0.013, pvc: 0.011, hdpe: 0.011, pe: 0.011, 'ductile-iron': 0.013,
    'cast-iron': 0.013, steel: 0.012, clay: 0.013, brick: 0.015, grp: 0.010, copper: 0.011, other: 0.013, unknown: 0.013,
  } satisfies Record<PipeMaterial | 'unknown', number>,
};

/** IfcDistributionSystemEnum (IFC4X3) → CIM network. */
const SYSTEM_NETWORK: Record<string, PipeNetwork> = {
  STORMWATER: 'storm', RAINWATER: 'storm', DRAINAGE: 'storm', SEWAGE: 'sewer', WASTEWATER: 'sewer', DISPOSAL: 'sewer',
  DOMESTICCOLDWATER: 'water', DOMESTICHOTWATER: 'water', WATERSUPPLY: 'water', FIREPROTECTION: 'water',
  GAS: 'gas', FUEL: 'gas', HEATING: 'heat', ELECTRICAL: 'power', POWERGENERATION: 'power',
  COMMUNICATION: 'telecom', DATA: 'telecom', TELEPHONE: 'telecom', TV: 'telecom', SIGNAL: 'telecom',
};

const MATERIAL_WORDS: [RegExp, PipeMaterial][] = [
  [/reinforced|钢筋/i, 'reinforced-concrete'], [/concrete|betoni|beton|混凝土|砼/i, 'concrete'], [/hdpe/i, 'hdpe'],
  [/pvc/i, 'pvc'], [/\bpe\b|polyethylen|聚乙烯/i, 'pe'], [/ductile|球墨/i, 'ductile-iron'], [/cast.?iron|gusseisen|铸铁/i, 'cast-iron'],
  [/steel|stahl|teräs|钢/i, 'steel'], [/clay|stoneware|vitrified|陶/i, 'clay'], [/brick|砖/i, 'brick'], [/grp|frp|glass.?fib/i, 'grp'],
  [/copper|kupfer|铜/i, 'copper'],
];

export function pipeMaterialOf(name: string | undefined): PipeMaterial | undefined {
  return name ? MATERIAL_WORDS.find(([re]) => re.test(name))?.[1] : undefined;
}

/** Inside section of a profile in metres, with the outside size for the record. */
interface SectionRead {
  section: PipeSection;
  /** Half the inside height: centreline to invert, m. */
  halfHeight: number;
  outside: number;
  profile: string;
}

function sectionOfProfile(model: IfcModel, profileId: number, unit: number): SectionRead | undefined {
  const p = model.line(profileId);
  const cls = model.className(profileId);
  const num = (v: unknown) => (stepNumber(v) ?? NaN) * unit;
  switch (cls) {
    case 'IfcCircleHollowProfileDef': {
      const d = 2 * (num(p.Radius) - num(p.WallThickness));
      return d > 0 ? { section: { shape: 'circular', diameter: d, barrels: 1 }, halfHeight: d / 2, outside: 2 * num(p.Radius), profile: cls } : undefined;
    }
    case 'IfcCircleProfileDef': {
      const d = 2 * num(p.Radius);
      return d > 0 ? { section: { shape: 'circular', diameter: d, barrels: 1 }, halfHeight: d / 2, outside: d, profile: cls } : undefined;
    }
    case 'IfcRectangleHollowProfileDef': {
      const t = num(p.WallThickness), w = num(p.XDim) - 2 * t, h = num(p.YDim) - 2 * t;
      return w > 0 && h > 0 ? { section: { shape: 'box', width: w, height: h, barrels: 1 }, halfHeight: h / 2, outside: num(p.YDim), profile: cls } : undefined;
    }
    case 'IfcRectangleProfileDef': {
      const w = num(p.XDim), h = num(p.YDim);
      return w > 0 && h > 0 ? { section: { shape: 'box', width: w, height: h, barrels: 1 }, halfHeight: h / 2, outside: h, profile: cls } : undefined;
    }
    default:
      return undefined;
  }
}

/** Section of the element's Body representation (extruded profile or swept disk). */
function sectionOfBody(model: IfcModel, elementId: number, unit: number): SectionRead | undefined {
  const shape = stepRef(model.line(elementId).Representation);
  if (shape === undefined) return undefined;
  for (const rep of stepRefs(model.line(shape).Representations)) {
    const r = model.line(rep);
    if (stepString(r.RepresentationIdentifier) !== 'Body') continue;
    for (const item of stepRefs(r.Items)) {
      const it = model.line(item);
      const cls = model.className(item);
      if (cls === 'IfcSweptDiskSolid' || cls === 'IfcSweptDiskSolidPolygonal') {
        const outer = 2 * (stepNumber(it.Radius) ?? NaN) * unit;
        const d = stepNumber(it.InnerRadius) !== undefined ? 2 * stepNumber(it.InnerRadius)! * unit : outer;
        if (d > 0) return { section: { shape: 'circular', diameter: d, barrels: 1 }, halfHeight: d / 2, outside: outer, profile: cls };
      }
      const area = stepRef(it.SweptArea);
      const s = area === undefined ? undefined : sectionOfProfile(model, area, unit);
      if (s) return s;
    }
  }
  return undefined;
}

/** Walks a material definition down to an IfcMaterial and/or an IfcProfileDef. */
function walkMaterial(model: IfcModel, id: number, found: { name?: string; profile?: number }, depth = 0): void {
  if (depth > 5 || (found.name && found.profile)) return;
  const m = model.line(id);
  const cls = model.className(id);
  if (cls === 'IfcMaterial') {
    found.name ??= stepString(m.Name);
    return;
  }
  if (cls === 'IfcMaterialProfile') {
    const profile = stepRef(m.Profile);
    if (profile !== undefined) found.profile ??= profile;
  }
  for (const key of ['ForProfileSet', 'ForLayerSet', 'MaterialProfiles', 'MaterialLayers', 'Material', 'Materials', 'MaterialConstituents']) {
    const v = m[key];
    for (const ref of Array.isArray(v) ? stepRefs(v) : [stepRef(v)].filter((x): x is number => x !== undefined)) walkMaterial(model, ref, found, depth + 1);
  }
}

/** How far (m) a pipe's Axis end may lie outside a chamber's footprint or height range and still connect to it. */
const SNAP_TOLERANCE = 0.25;

interface PipeEnd {
  node: number;
  /** Pipe centre at this end in the georef's map CRS. */
  position: number[];
  topology: 'ports' | 'axis snapped to chambers';
}

export interface PipeNetworkRead {
  features: (Manhole | Pipe)[];
  /** Express id of the element → index into `features`. */
  featureIndexOf: Map<number, number>;
  networkOf: Map<number, PipeNetwork>;
  warnings: string[];
}

export interface PipeNetworkContext {
  model: IfcModel;
  unit: number;
  georef: IfcGeoref;
  geometry: Map<number, ElementGeometry>;
  dataset: string;
  idPrefix: string;
}

function networkOfSystem(model: IfcModel, groupId: number): PipeNetwork | undefined {
  const g = model.line(groupId);
  const type = stepString(g.PredefinedType);
  if (type && SYSTEM_NETWORK[type]) return SYSTEM_NETWORK[type];
  const words = `${stepString(g.ObjectType) ?? ''} ${stepString(g.Name) ?? ''}`;
  if (/storm|rain|雨水/i.test(words)) return 'storm';
  if (/sew|waste|foul|污水/i.test(words)) return 'sewer';
  return undefined;
}

/** Reads the network topology, pipes and manholes. Elements without geometry or connections are reported and left out. */
export function readPipeNetwork(ctx: PipeNetworkContext, options: IfcPipeNetworkOptions = {}): PipeNetworkRead {
  const { model, unit, georef } = ctx;
  const warnings: string[] = [];
  const roughness = { ...IFC_PIPE_NETWORK_DEFAULTS.roughness, ...options.roughness };

  const systemNetwork = new Map<number, PipeNetwork>();
  for (const rel of model.idsOf(IFCRELASSIGNSTOGROUP)) {
    const r = model.line(rel);
    const group = stepRef(r.RelatingGroup);
    const network = group === undefined ? undefined : networkOfSystem(model, group);
    if (network) for (const o of stepRefs(r.RelatedObjects)) systemNetwork.set(o, network);
  }
  const hostOf = new Map<number, number>();
  const portsOf = new Map<number, number[]>();
  const addPort = (host: number, port: number) => {
    hostOf.set(port, host);
    portsOf.set(host, [...(portsOf.get(host) ?? []), port]);
  };
  const portIds = new Set(model.idsOf(IFCDISTRIBUTIONPORT));
  for (const rel of model.idsOf(IFCRELNESTS)) {
    const r = model.line(rel);
    const host = stepRef(r.RelatingObject);
    if (host !== undefined) for (const p of stepRefs(r.RelatedObjects)) if (portIds.has(p)) addPort(host, p);
  }
  for (const rel of model.idsOf(IFCRELCONNECTSPORTTOELEMENT)) {
    const r = model.line(rel);
    const port = stepRef(r.RelatingPort), host = stepRef(r.RelatedElement);
    if (port !== undefined && host !== undefined && !hostOf.has(port)) addPort(host, port);
  }
  const linked = new Map<number, number>();
  for (const rel of model.idsOf(IFCRELCONNECTSPORTS)) {
    const r = model.line(rel);
    const a = stepRef(r.RelatingPort), b = stepRef(r.RelatedPort);
    if (a !== undefined && b !== undefined) {
      linked.set(a, b);
      linked.set(b, a);
    }
  }
  const typeOf = new Map<number, number>();
  for (const rel of model.idsOf(IFCRELDEFINESBYTYPE)) {
    const r = model.line(rel);
    const t = stepRef(r.RelatingType);
    if (t !== undefined) for (const o of stepRefs(r.RelatedObjects)) typeOf.set(o, t);
  }
  const materialOf = new Map<number, number>();
  for (const rel of model.idsOf(IFCRELASSOCIATESMATERIAL)) {
    const r = model.line(rel);
    const m = stepRef(r.RelatingMaterial);
    if (m !== undefined) for (const o of stepRefs(r.RelatedObjects)) materialOf.set(o, m);
  }

  const features: (Manhole | Pipe)[] = [];
  const featureIndexOf = new Map<number, number>();
  const networkOf = new Map<number, PipeNetwork>();
  const featureIdOf = (id: number) => `${ctx.idPrefix}${stepString(model.line(id).GlobalId) ?? `#${id}`}`;
  const base = (id: number) => {
    const l = model.line(id);
    const name = stepString(l.Name);
    const description = stepString(l.Description);
    return {
      id: featureIdOf(id),
      ...(name ? { name } : {}),
      source: { dataset: ctx.dataset, file: model.file, ref: `#${id}` },
      crs: georef.crs,
      attributes: {
        ifcGuid: stepString(l.GlobalId) ?? null,
        ifcClass: model.className(id),
        heightDatum: georef.verticalDatum ?? georef.heights,
        ...(description ? { description } : {}),
        ...(stepString(l.PredefinedType) ? { predefinedType: stepString(l.PredefinedType)! } : {}),
      } as Record<string, string | number | boolean | null>,
    };
  };
  const networkFor = (id: number): PipeNetwork => {
    const n = systemNetwork.get(id) ?? options.network;
    if (!n) {
      throw new IfcImportError(model.file, 'network',
        `${model.className(id)} #${id}: expected an IfcDistributionSystem with a known PredefinedType (STORMWATER, SEWAGE, …) grouping it or options.network, found neither`);
    }
    return n;
  };

  /** World origin of an object's placement in engineering metres (GetWorldTransformMatrix is in project units). */
  const placementOrigin = (id: number): [number, number, number] | undefined => {
    const placement = stepRef(model.line(id).ObjectPlacement);
    if (placement === undefined) return undefined;
    const m = model.api.GetWorldTransformMatrix(model.modelID, placement);
    return [m[12] * unit, m[13] * unit, m[14] * unit];
  };

  // Nodes first: pipes refer to them.
  const nodeIds = new Set<number>();
  const nodeBounds = new Map<number, { cx: number; cy: number; z0: number; z1: number; radius: number }>();
  for (const id of model.idsOf(IFCDISTRIBUTIONCHAMBERELEMENT)) {
    const geom = ctx.geometry.get(id);
    if (!geom) {
      warnings.push(`${model.className(id)} #${id}: no geometry, so no rim or invert; left out`);
      continue;
    }
    const [x0, y0, z0, x1, y1, z1] = elementBounds(geom);
    // The chamber's placement origin is its axis when it lies inside the footprint (a tessellated circle's box is not centred).
    const placed = placementOrigin(id);
    const inside = placed && placed[0] >= x0 && placed[0] <= x1 && placed[1] >= y0 && placed[1] <= y1;
    const cx = inside ? placed[0] : (x0 + x1) / 2, cy = inside ? placed[1] : (y0 + y1) / 2;
    const top = georef.toMap(cx, cy, z1);
    const bottom = georef.toMap(cx, cy, z0);
    const section = sectionOfBody(model, id, unit);
    const network = networkFor(id);
    const b = base(id);
    const manhole: Manhole = {
      ...b,
      type: 'manhole',
      cimLevel: 2,
      network,
      kind: 'manhole',
      geometry: { type: 'Point', coordinates: [top[0], top[1], top[2]] },
      rimElevation: top[2],
      invertElevation: bottom[2],
      ...(section?.section.shape === 'circular' ? { shaftDiameter: section.section.diameter } : {}),
    };
    nodeIds.add(id);
    nodeBounds.set(id, { cx, cy, z0, z1, radius: Math.max(x1 - x0, y1 - y0) / 2 });
    networkOf.set(id, network);
    featureIndexOf.set(id, features.length);
    features.push(manhole);
  }

  const portPosition = (port: number): number[] | undefined => {
    const o = placementOrigin(port);
    return o && georef.toMap(o[0], o[1], o[2]);
  };
  /** Pipe ends from its ports: [upstream, downstream], or undefined (with the reason kept) when they do not give both. */
  const portFailures = new Map<number, string>();
  const portEnds = (id: number, where: string): [PipeEnd, PipeEnd] | undefined => {
    const ends = (portsOf.get(id) ?? []).map((p) => {
      const other = linked.get(p);
      return { port: p, direction: stepString(model.line(p).FlowDirection), node: other === undefined ? undefined : hostOf.get(other), position: portPosition(p) };
    });
    if (ends.length !== 2 || ends.some((e) => e.node === undefined || !nodeIds.has(e.node) || !e.position)) {
      portFailures.set(id, `expected two ports each connected (IfcRelConnectsPorts) to a chamber with geometry, found ${ends.length} port(s)` +
        (ends.length ? `: ${ends.map((e) => `#${e.port} → ${e.node === undefined ? 'nothing' : `#${e.node}`}`).join(', ')}` : ''));
      return undefined;
    }
    let [up, down] = ends;
    if (up.direction === 'SOURCE' || down.direction === 'SINK') [up, down] = [down, up];
    if (up.direction === down.direction) warnings.push(`${where}: ports #${up.port}, #${down.port} have the same FlowDirection '${up.direction}'; upstream taken as the first nested port`);
    return [up, down].map((e) => ({ node: e.node!, position: e.position!, topology: 'ports' })) as [PipeEnd, PipeEnd];
  };

  /** Fallback without usable ports: the ends of the Axis polyline, each snapped to the chamber whose shaft it lies in. */
  const snappedEnds = (id: number, where: string): [PipeEnd, PipeEnd] | undefined => {
    const axis = axisEnds(id);
    const nodes = axis?.map(nearestChamber);
    if (!axis || !nodes || nodes.some((n) => n === undefined) || nodes[0] === nodes[1]) {
      warnings.push(`${where}: ${portFailures.get(id)}; ${axis ? 'its Axis ends do not lie in two chambers' : 'no Axis polyline to snap to chambers'}; left out`);
      return undefined;
    }
    warnings.push(`${where}: ${portFailures.get(id)}; connected by snapping its Axis ends to chambers (upstream = Axis start)`);
    return [0, 1].map((k) => ({ node: nodes[k]!, position: georef.toMap(axis[k][0], axis[k][1], axis[k][2]), topology: 'axis snapped to chambers' })) as [PipeEnd, PipeEnd];
  };

  /** First and last point of the element's Axis representation (IfcPolyline), engineering metres. */
  const axisEnds = (id: number): [number[], number[]] | undefined => {
    const shape = stepRef(model.line(id).Representation);
    const placement = stepRef(model.line(id).ObjectPlacement);
    if (shape === undefined || placement === undefined) return undefined;
    for (const rep of stepRefs(model.line(shape).Representations)) {
      const r = model.line(rep);
      if (stepString(r.RepresentationIdentifier) !== 'Axis') continue;
      const curve = stepRefs(r.Items)[0];
      if (curve === undefined || model.className(curve) !== 'IfcPolyline') continue;
      const pts = stepRefs(model.line(curve).Points).map((p) => stepNumbers(model.line(p).Coordinates));
      if (pts.length < 2) continue;
      const m = model.api.GetWorldTransformMatrix(model.modelID, placement);
      const world = ([x = 0, y = 0, z = 0]: number[]) => [0, 1, 2].map((c) => (m[c] * x + m[4 + c] * y + m[8 + c] * z + m[12 + c]) * unit);
      return [world(pts[0]), world(pts[pts.length - 1])];
    }
    return undefined;
  };

  /** The chamber whose footprint (plus SNAP_TOLERANCE) and height range contain a point, nearest first. */
  const nearestChamber = (p: number[]): number | undefined => {
    let best: number | undefined, bestD = Infinity;
    for (const [node, b] of nodeBounds) {
      const d = Math.hypot(p[0] - b.cx, p[1] - b.cy);
      if (d <= b.radius + SNAP_TOLERANCE && p[2] >= b.z0 - SNAP_TOLERANCE && p[2] <= b.z1 + SNAP_TOLERANCE && d < bestD) {
        best = node;
        bestD = d;
      }
    }
    return best;
  };

  const segmentIds = [...model.idsOf(IFCPIPESEGMENT), ...(model.schema === 'IFC2X3' ? model.idsOf(IFCFLOWSEGMENT) : [])];
  for (const id of segmentIds) {
    const where = `${model.className(id)} #${id}`;
    if (!ctx.geometry.has(id)) {
      warnings.push(`${where}: no geometry; left out`);
      continue;
    }
    const ends = portEnds(id, where) ?? snappedEnds(id, where);
    if (!ends) continue;
    const [up, down] = ends;
    const section = sectionOfBody(model, id, unit) ?? (() => {
      const found: { name?: string; profile?: number } = {};
      const mat = materialOf.get(id) ?? materialOf.get(typeOf.get(id) ?? -1);
      if (mat !== undefined) walkMaterial(model, mat, found);
      return found.profile === undefined ? undefined : sectionOfProfile(model, found.profile, unit);
    })();
    if (!section) {
      warnings.push(`${where}: no circular or rectangular profile in its Body representation or material profile set; left out`);
      continue;
    }
    const found: { name?: string; profile?: number } = {};
    const matId = materialOf.get(id) ?? materialOf.get(typeOf.get(id) ?? -1);
    if (matId !== undefined) walkMaterial(model, matId, found);
    const material = pipeMaterialOf(found.name);
    const a = up.position, z = down.position;
    const length = Math.hypot(z[0] - a[0], z[1] - a[1], z[2] - a[2]);
    const drop = section.halfHeight * georef.scale[2];
    const network = networkFor(id);
    const b = base(id);
    const pipe: Pipe = {
      ...b,
      type: 'pipe',
      cimLevel: 2,
      network,
      geometry: { type: 'LineString', coordinates: [[a[0], a[1], a[2]], [z[0], z[1], z[2]]] },
      section: section.section,
      ...(material ? { material } : {}),
      fromNode: featureIdOf(up.node),
      toNode: featureIdOf(down.node),
      length,
      upstreamInvert: a[2] - drop,
      downstreamInvert: z[2] - drop,
      roughness: roughness[material ?? 'unknown'],
      attributes: {
        ...b.attributes,
        profile: section.profile,
        outsideSize: section.outside,
        ...(found.name ? { materialName: found.name } : {}),
        roughnessSource: `default for ${material ?? 'unknown material'}`,
        topology: up.topology,
      },
    };
    networkOf.set(id, network);
    featureIndexOf.set(id, features.length);
    features.push(pipe);
  }
  return { features, featureIndexOf, networkOf, warnings };
}
