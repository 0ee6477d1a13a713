import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ecefToGeodetic, type CimFeature, type Manhole, type Pipe } from '../../cim-model/index.ts';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { pipeMaterialOf } from './ifc-pipe-network.ts';
import { importIfc, type IfcImportResult } from './import-ifc.ts';

const DIR = 'ifc43-drainage';
const IFC = 'DrainageSystem-1_DrainageSystem-1-1.ifc';

/**
 * The expected network from the STEP text alone, independent of web-ifc: ports nested in elements
 * (IFCRELNESTS), connected in pairs (IFCRELCONNECTSPORTS); a pipe runs from the node at its SINK
 * port to the node at its SOURCE port. Returns pipe name → [from chamber name, to chamber name].
 */
function edgesFromStepText(text: string): Map<string, [string, string]> {
  const lines = new Map<number, { type: string; args: string }>();
  for (const m of text.matchAll(/^#(\d+)\s*=\s*(IFC[A-Z0-9]+)\s*\((.*)\);\s*$/gm)) lines.set(Number(m[1]), { type: m[2], args: m[3] });
  const refs = (s: string) => [...s.matchAll(/#(\d+)/g)].map((m) => Number(m[1]));
  const name = (id: number) => /'[^']*',[^,]*,'([^']*)'/.exec(lines.get(id)!.args)![1];
  const host = new Map<number, number>();
  const linked = new Map<number, number>();
  for (const { type, args } of lines.values()) {
    if (type === 'IFCRELNESTS') {
      const [whole, ...parts] = refs(args.split(',').slice(4).join(','));
      for (const p of parts) host.set(p, whole);
    }
    if (type === 'IFCRELCONNECTSPORTS') {
      const [a, b] = refs(args.split(',').slice(4).join(','));
      linked.set(a, b);
      linked.set(b, a);
    }
  }
  const edges = new Map<string, [string, string]>();
  for (const [id, { type }] of lines) {
    if (type !== 'IFCPIPESEGMENT') continue;
    const ports = [...host].filter(([, h]) => h === id).map(([p]) => p);
    const dir = (p: number) => (/\.(SINK|SOURCE)\./.exec(lines.get(p)!.args) ?? [])[1];
    const sink = ports.find((p) => dir(p) === 'SINK')!, source = ports.find((p) => dir(p) === 'SOURCE')!;
    edges.set(name(id), [name(host.get(linked.get(sink)!)!), name(host.get(linked.get(source)!)!)]);
  }
  return edges;
}

describe.skipIf(!hasSharedData())('IFC 4.3 drainage network (DrainageSystem-1)', () => {
  let r: IfcImportResult;
  let text: string;
  beforeAll(async () => {
    const bytes = readFileSync(sharedDataPath('cim', DIR, IFC));
    text = bytes.toString('latin1');
    // The file has no georeferencing; its coordinates are ETRS-GK24FIN (EPSG:3878) map coordinates (LandXML twin).
    r = await importIfc(bytes, { file: IFC, placement: { crs: 'EPSG:3878', origin: [0, 0, 0] } });
  });
  const byType = <T extends CimFeature['type']>(t: T) => r.layer.features.filter((f) => f.type === t) as Extract<CimFeature, { type: T }>[];
  const nameOf = (id: string) => r.layer.features.find((f) => f.id === id)?.name;

  it('is read as a pipe layer: 6 pipe segments, 7 chambers, all storm', () => {
    expect(r.layer.kind).toBe('pipes');
    expect(r.schema).toBe('IFC4X3');
    expect(byType('pipe')).toHaveLength(6);
    expect(byType('manhole')).toHaveLength(7);
    expect(r.layer.features.every((f) => (f as Pipe | Manhole).network === 'storm')).toBe(true);
    expect(r.warnings).toEqual([]);
  });

  it('has the connection graph of the ports in the file and of its LandXML twin', () => {
    const got = new Map(byType('pipe').map((p) => [p.name!, [nameOf(p.fromNode), nameOf(p.toNode)]]));
    expect(got).toEqual(edgesFromStepText(text));
    // LandXML <Pipe name refStart refEnd>, checked by hand against DrainageSystem-1_DrainageSystem-1-1.xml.
    expect(Object.fromEntries(got)).toEqual({
      8: ['10', '51'], 54: ['51', '56'], 60: ['56', '62'], 109: ['56', '111'], 191: ['193', '111'], 210: ['212', '56'],
    });
  });

  it('puts manholes from rim to invert and pipes at their true depth (LandXML elevRim / elevSump / pipe inverts)', () => {
    const xml = readFileSync(sharedDataPath('cim', DIR, 'DrainageSystem-1_DrainageSystem-1-1.xml'), 'latin1');
    const structs = [...xml.matchAll(/<Struct name="(\d+)"[^>]*elevSump="([\d.]+)" elevRim="([\d.]+)">\s*<Center>([\d.]+) ([\d.]+)<\/Center>/g)];
    expect(structs).toHaveLength(7);
    for (const [, name, sump, rim, northing, easting] of structs) {
      const m = byType('manhole').find((x) => x.name === name)!;
      expect(m.rimElevation).toBeCloseTo(Number(rim), 4);
      expect(m.invertElevation).toBeCloseTo(Number(sump), 4);
      expect(m.geometry.coordinates[0]).toBeCloseTo(Number(easting), 3);
      expect(m.geometry.coordinates[1]).toBeCloseTo(Number(northing), 3);
    }
    const pipe = (n: string) => byType('pipe').find((p) => p.name === n)!;
    expect(pipe('8').upstreamInvert).toBeCloseTo(124.984735, 5);
    expect(pipe('8').downstreamInvert).toBeCloseTo(124.927521, 5);
    expect(pipe('109').downstreamInvert).toBeCloseTo(124.286302, 5); // <Invert elev="124.286302" refPipe="109"> at H5
    expect(pipe('191').upstreamInvert).toBeCloseTo(125.3, 5);
    expect(pipe('8').length).toBeCloseTo(16.748145, 5);
    expect(pipe('8').section).toEqual({ shape: 'circular', diameter: expect.closeTo(0.28, 9), barrels: 1 });
    expect(pipe('8').material).toBe('concrete');
    expect(pipe('191').material).toBe('pvc');
    expect(pipe('191').section.diameter).toBeCloseTo(0.239 - 2 * 0.0055, 9);
  });

  it('meshes: one per network, web-ifc tubes and shafts tagged with their features, in ECEF near 62°N 24.5°E', () => {
    expect(r.layer.meshes).toHaveLength(1);
    const mesh = r.layer.meshes[0];
    expect(mesh.material.name).toBe('network-storm');
    const ids = new Set(mesh.featureIds);
    expect(ids.size).toBe(13);
    expect(Math.max(...ids)).toBe(12);
    expect(mesh.positions.length / 3).toBe(r.stats.vertices);
    const [lon, lat] = ecefToGeodetic(mesh.positions[0], mesh.positions[1], mesh.positions[2]);
    expect(lon).toBeGreaterThan(24.4);
    expect(lon).toBeLessThan(24.6);
    expect(lat).toBeGreaterThan(61.9);
    expect(lat).toBeLessThan(62.1);
  });

  it('without IfcRelConnectsPorts, snaps the Axis ends of each pipe to the chamber shafts they lie in', async () => {
    const stripped = text.replace(/^#\d+\s*=\s*IFCRELCONNECTSPORTS\(.*$/gm, '');
    expect(stripped).not.toMatch(/IFCRELCONNECTSPORTS/);
    const s = await importIfc(new TextEncoder().encode(stripped), { file: 'no-port-links.ifc', placement: { crs: 'EPSG:3878', origin: [0, 0, 0] } });
    const pipes = s.layer.features.filter((f): f is Pipe => f.type === 'pipe');
    const name = (id: string) => s.layer.features.find((f) => f.id === id)?.name;
    expect(new Map(pipes.map((p) => [p.name!, [name(p.fromNode), name(p.toNode)]]))).toEqual(edgesFromStepText(text));
    expect(pipes.every((p) => p.attributes?.topology === 'axis snapped to chambers')).toBe(true);
    expect(s.warnings).toHaveLength(6);
    expect(s.warnings[0]).toMatch(/IfcPipeSegment #90: expected two ports each connected .* connected by snapping its Axis ends/);
    const p8 = pipes.find((p) => p.name === '8')!;
    expect(p8.upstreamInvert).toBeCloseTo(124.984735, 5);
    expect(p8.downstreamInvert).toBeCloseTo(124.927521, 5);
  });

  it('maps material names to pipe materials', () => {
    expect(pipeMaterialOf('betoni')).toBe('concrete');
    expect(pipeMaterialOf('钢筋混凝土')).toBe('reinforced-concrete');
    expect(pipeMaterialOf('HDPE 双壁波纹管')).toBe('hdpe');
    expect(pipeMaterialOf('unobtainium')).toBeUndefined();
  });
});
