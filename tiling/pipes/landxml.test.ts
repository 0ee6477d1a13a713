import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { buildPipeLayers } from './pipe-layers.ts';
import { decodeXml, parseLandXmlPipeNetworks } from './landxml.ts';

describe.skipIf(!hasSharedData())('LandXML pipe networks (IFC 4.3 drainage twins)', () => {
  const file1 = sharedDataPath('cim/ifc43-drainage/DrainageSystem-1_DrainageSystem-1-1.xml');

  it('reads DrainageSystem-1: 7 manholes, 6 pipes, their connections and EPSG:3878 + N2000', () => {
    const r = parseLandXmlPipeNetworks(decodeXml(readFileSync(file1)), 'DrainageSystem-1-1.xml');
    expect(r.crs).toBe('EPSG:3878+3900');
    const manholes = r.features.filter((f) => f.type === 'manhole');
    const pipes = r.features.filter((f) => f.type === 'pipe');
    expect(manholes).toHaveLength(7);
    expect(pipes).toHaveLength(6);
    const net = pipes[0].fromNode.split('/')[0];
    // Connections as written in the file's refStart/refEnd attributes.
    expect(pipes.map((p) => p.type === 'pipe' && `${p.fromNode.split('/')[1]}>${p.toNode.split('/')[1]}`)).toEqual(['10>51', '51>56', '56>62', '56>111', '193>111', '212>56']);
    const h1 = manholes.find((m) => m.id === `${net}/10`)!;
    expect(h1.geometry.coordinates).toEqual([24525622.894716, 6876920.244796]); // easting first
    if (h1.type === 'manhole') {
      expect(h1.rimElevation).toBeCloseTo(126.944735, 6);
      expect(h1.shaftDiameter).toBe(0.6);
    }
    const p8 = pipes[0];
    if (p8.type === 'pipe') {
      expect(p8.section).toMatchObject({ shape: 'circular', diameter: 0.4 });
      expect(p8.upstreamInvert).toBeCloseTo(124.984735, 6);
      expect(p8.downstreamInvert).toBeCloseTo(124.927521, 6);
      expect(p8.material).toBe('concrete');
    }
    // And they become meshes at their depth (N2000 heights need a geoid: ~ +18 m in southern Finland).
    const layers = buildPipeLayers(r.features, { crs: r.crs!, geoid: { kind: 'constant', offset: 18 } });
    expect(layers).toHaveLength(1);
    expect(layers[0].meshes.length).toBe(2);
  });

  it('reads DrainageSystem-2 ditches with millimetre channel sizes, with a warning', () => {
    const r = parseLandXmlPipeNetworks(decodeXml(readFileSync(sharedDataPath('cim/ifc43-drainage/DrainageSystem-2_DrainageSystem-2-1.xml'))), 'DS2.xml');
    const ditch = r.features.find((f) => f.type === 'pipe')!;
    if (ditch.type === 'pipe') expect(ditch.section).toMatchObject({ shape: 'trapezoidal', width: 0.6, height: 0.3 });
    expect(r.warnings.some((w) => /millimetres/.test(w))).toBe(true);
  });
});

describe('LandXML bad input', () => {
  it('names the file and what failed', () => {
    expect(() => parseLandXmlPipeNetworks('<LandXML><PipeNetworks>', 'cut.xml')).toThrow(/^cut.xml: malformed XML/);
    expect(() => parseLandXmlPipeNetworks('<Other/>', 'x.xml')).toThrow(/x.xml: expected a <LandXML> root element/);
    expect(() => parseLandXmlPipeNetworks('<LandXML><PipeNetworks><PipeNetwork name="n" pipeNetType="lava"/></PipeNetworks></LandXML>', 'x.xml')).toThrow(/pipeNetType expected one of .* found 'lava'/);
    const bad = '<LandXML><PipeNetworks><PipeNetwork name="n" pipeNetType="storm"><Structs><Struct name="1" elevRim="5" elevSump="3"><Center>1 2</Center></Struct></Structs><Pipes><Pipe name="p" refStart="1" refEnd="9"><CircPipe diameter="0.3"/></Pipe></Pipes></PipeNetwork></PipeNetworks></LandXML>';
    expect(() => parseLandXmlPipeNetworks(bad, 'x.xml')).toThrow(/Pipe 'p': refStart\/refEnd expected existing Struct names, found '1' → '9'/);
    const negative = bad.replace('refEnd="9"', 'refEnd="1"');
    expect(() => parseLandXmlPipeNetworks(negative, 'x.xml')).toThrow(/x.xml.*toNode.*expected a node other than fromNode/);
  });
});
