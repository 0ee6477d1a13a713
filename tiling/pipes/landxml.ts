/**
 * LandXML 1.2 PipeNetworks (and the Finnish Inframodel profile of it) → pipe and manhole features.
 * LandXML writes points northing first (`<Center>N E</Center>`); features here are easting first.
 * Inverts come from each structure's `<Invert elev flowDir refPipe>` (LandXML 1.2 §PipeNetworks),
 * or from Inframodel's `pipeStart`/`pipeEnd` properties when given.
 */
import { XMLParser } from 'fast-xml-parser';
import { parseFeature, type Manhole, type Pipe, type PipeNetwork } from '../../cim-model/index.ts';

export interface LandXmlNetworks {
  /** CRS of the coordinates, with the height datum when the file names one, e.g. 'EPSG:3878+3900'. */
  crs?: string;
  features: Array<Pipe | Manhole>;
  warnings: string[];
}

export class LandXmlError extends Error {
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'LandXmlError';
  }
}

const NETWORK: Record<string, PipeNetwork> = { storm: 'storm', sanitary: 'sewer', sewer: 'sewer', combined: 'combined', combination: 'combined', water: 'water', gas: 'gas' };

type Node = Record<string, unknown>;
const list = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const num = (v: unknown): number | undefined => (v === undefined || v === '' ? undefined : Number(v));

/** Decode XML bytes honouring the encoding in the declaration (UTF-8 or ISO-8859-1). */
export function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const enc = /encoding=["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  return new TextDecoder(enc === 'iso-8859-1' || enc === 'latin1' ? 'latin1' : 'utf-8').decode(bytes);
}

/** Properties of Inframodel `<Feature><Property label value/></Feature>` blocks, by label. */
function properties(n: Node): Map<string, string> {
  const m = new Map<string, string>();
  for (const f of list(n.Feature)) for (const p of list(f.Property)) m.set(String(p['@_label']), String(p['@_value']));
  return m;
}

/** Parse the PipeNetworks of a LandXML document. */
export function parseLandXmlPipeNetworks(text: string, file = 'landxml'): LandXmlNetworks {
  let doc: Node;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false }).parse(text, true) as Node;
  } catch (e) {
    throw new LandXmlError(file, `malformed XML: ${(e as Error).message}`);
  }
  const root = doc.LandXML as Node | undefined;
  if (!root) throw new LandXmlError(file, 'expected a <LandXML> root element, found none');
  const warnings: string[] = [];
  const cs = list(root.CoordinateSystem)[0];
  const epsg = cs?.['@_epsgCode'];
  const vertical = cs?.['@_verticalCoordinateSystemName'];
  const crs = epsg ? `EPSG:${epsg}${vertical && /^\d+$/.test(String(vertical)) ? `+${vertical}` : ''}` : undefined;
  const metric = list(list(root.Units)[0]?.Metric)[0];
  if (!metric) warnings.push('no <Units><Metric>: lengths taken as metres');
  const features: Array<Pipe | Manhole> = [];
  const source = { dataset: 'LandXML', file };
  for (const networks of list(root.PipeNetworks)) {
    for (const net of list(networks.PipeNetwork)) {
      const netName = String(net['@_name'] ?? 'network');
      const type = String(net['@_pipeNetType'] ?? '').toLowerCase();
      const network = NETWORK[type];
      if (!network) throw new LandXmlError(file, `PipeNetwork '${netName}': pipeNetType expected one of ${Object.keys(NETWORK).join(', ')}, found '${type}'`);
      const structs = new Map<string, { e: number; n: number; rim: number; sump: number; inverts: Map<string, number> }>();
      for (const s of list(list(net.Structs)[0]?.Struct)) {
        const name = String(s['@_name']);
        const c = String(s.Center ?? '').trim().split(/\s+/).map(Number);
        if (c.length < 2 || c.some((v) => !Number.isFinite(v))) throw new LandXmlError(file, `Struct '${name}': <Center> expected 'northing easting', found '${String(s.Center)}'`);
        const rim = num(s['@_elevRim']), sump = num(s['@_elevSump']);
        if (rim === undefined || sump === undefined) throw new LandXmlError(file, `Struct '${name}': expected elevRim and elevSump, found ${rim}, ${sump}`);
        const inverts = new Map<string, number>();
        for (const inv of list(s.Invert)) inverts.set(`${inv['@_refPipe']}:${inv['@_flowDir']}`, Number(inv['@_elev']));
        structs.set(name, { e: c[1], n: c[0], rim, sump, inverts });
        const circ = list(s.CircStruct)[0];
        const rect = list(s.RectStruct)[0];
        features.push(parseFeature({
          type: 'manhole', id: `${netName}/${name}`, name: String(s['@_desc'] ?? name), source: { ...source, ref: `Struct ${name}` },
          network, geometry: { type: 'Point', coordinates: [c[1], c[0]] },
          rimElevation: rim, invertElevation: sump,
          ...(circ ? { shaftDiameter: Number(circ['@_diameter']) } : rect ? { shaftDiameter: Math.max(Number(rect['@_length']), Number(rect['@_width'])) } : {}),
        }, { file }) as Manhole);
      }
      for (const p of list(list(net.Pipes)[0]?.Pipe)) {
        const name = String(p['@_name']);
        const from = structs.get(String(p['@_refStart'])), to = structs.get(String(p['@_refEnd']));
        if (!from || !to) throw new LandXmlError(file, `Pipe '${name}': refStart/refEnd expected existing Struct names, found '${p['@_refStart']}' → '${p['@_refEnd']}'`);
        const props = properties(p);
        const xyz = (k: string) => props.get(k)?.trim().split(/\s+/).map(Number);
        const start = xyz('pipeStart'), end = xyz('pipeEnd');
        const up = start?.[2] ?? from.inverts.get(`${name}:out`) ?? from.sump;
        const down = end?.[2] ?? to.inverts.get(`${name}:in`) ?? to.sump;
        const circ = list(p.CircPipe)[0], rect = list(p.RectPipe)[0], egg = list(p.EggPipe)[0], channel = list(p.Channel)[0];
        let section: Record<string, unknown>;
        if (circ) section = { shape: 'circular', diameter: Number(circ['@_diameter']) };
        else if (rect) section = { shape: 'rectangular', width: Number(rect['@_width']), height: Number(rect['@_height']) };
        else if (egg) section = { shape: 'egg', width: Number(egg['@_eggPipeHorizontalDiameter'] ?? egg['@_width']), height: Number(egg['@_eggPipeVerticalDiameter'] ?? egg['@_height']) };
        else if (channel) {
          // Inframodel writes channel sizes in millimetres although <Units> says metres.
          let h = Number(channel['@_height']), w = Number(channel['@_widthTop']);
          if (h > 20 || w > 20) {
            warnings.push(`Pipe '${name}': Channel height ${h}, widthTop ${w} read as millimetres`);
            h /= 1000;
            w /= 1000;
          }
          section = { shape: 'trapezoidal', width: w, height: h };
        } else throw new LandXmlError(file, `Pipe '${name}': expected CircPipe, RectPipe, EggPipe or Channel, found none`);
        const a = [start?.[1] ?? from.e, start?.[0] ?? from.n], b = [end?.[1] ?? to.e, end?.[0] ?? to.n];
        const material = String(circ?.['@_material'] ?? rect?.['@_material'] ?? '').toLowerCase();
        features.push(parseFeature({
          type: 'pipe', id: `${netName}/P${name}`, name: String(circ?.['@_desc'] ?? name), source: { ...source, ref: `Pipe ${name}` },
          network, geometry: { type: 'LineString', coordinates: [a, b] }, section,
          ...(material === 'betoni' || material === 'concrete' ? { material: 'concrete' } : material === 'pvc' ? { material: 'pvc' } : {}),
          fromNode: `${netName}/${p['@_refStart']}`, toNode: `${netName}/${p['@_refEnd']}`,
          length: Math.max(0.01, Math.hypot(b[0] - a[0], b[1] - a[1])), upstreamInvert: up, downstreamInvert: down, roughness: 0.013,
        }, { file }) as Pipe);
      }
    }
  }
  if (features.length === 0) throw new LandXmlError(file, 'expected <PipeNetworks><PipeNetwork> with Structs and Pipes, found none');
  return { crs, features, warnings };
}
