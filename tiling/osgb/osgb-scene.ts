/**
 * Maps between the schema-level objects of an OSGB stream (RawObject: class name + serializer
 * fields) and the typed scene tree of osgb-types.ts. Field names and enum values follow the
 * OpenSceneGraph serializers (src/osgWrappers/serializers/osg) and headers (include/osg/*).
 */
import { ARRAY_OBJECTS_SINCE, BINDINGS, GL, IMAGE_EXTERNAL, IMAGE_INLINE_DATA, IMAGE_INLINE_FILE, IMAGE_WRITE_OUT, PRIMITIVE_MODES } from './osgb-constants.ts';
import { imageInfo, mimeFromFileName } from './image-info.ts';
import type { RawArrayData, RawAttributeEntry, RawImage, RawModeEntry, RawObject, RawVector, TypedVector } from './osgb-raw.ts';
import { isA } from './osgb-schema.ts';
import type { MaterialColor, RangeData } from './osgb-schema.ts';
import type {
  OsgbBinding, OsgbCenterMode, OsgbGeometry, OsgbImage, OsgbMaterial, OsgbNode, OsgbPrimitive, OsgbPrimitiveMode, OsgbRangeMode, OsgbStateSet, OsgbTexture,
} from './osgb-types.ts';

const CENTER_MODES: OsgbCenterMode[] = ['USE_BOUNDING_SPHERE_CENTER', 'USER_DEFINED_CENTER', 'UNION_OF_BOUNDING_SPHERE_AND_USER_DEFINED'];
const RANGE_MODES: OsgbRangeMode[] = ['DISTANCE_FROM_EYE_POINT', 'PIXEL_SIZE_ON_SCREEN'];
const STORAGE = ['inline-data', 'inline-file', 'external', 'write-out'] as const;
const bindingName = (v: unknown): OsgbBinding => (BINDINGS[Number(v)] as OsgbBinding | undefined) ?? (Number(v) === 3 ? 'BIND_PER_PRIMITIVE_SET' : 'BIND_UNDEFINED');

// ---- raw → typed --------------------------------------------------------------------------------

/** Converts the root object of a stream to the typed tree; shared objects stay shared. */
export function rawToScene(root: RawObject | null): OsgbNode | null {
  const ctx: ReadContext = { nodes: new Map(), stateSets: new Map(), images: new Map() };
  return root ? nodeFromRaw(root, ctx) : null;
}

/** Converted objects by source object, one map per kind so a corrupt cross-reference cannot alias. */
interface ReadContext { nodes: Map<RawObject, OsgbNode | null>; stateSets: Map<RawObject, OsgbStateSet>; images: Map<RawImage, OsgbImage> }

function nodeFromRaw(raw: RawObject, ctx: ReadContext): OsgbNode | null {
  const hit = ctx.nodes.get(raw);
  if (hit !== undefined) return hit;
  const f = raw.fields;
  const c = raw.className;
  const base = {
    className: c,
    name: typeof f.Name === 'string' ? f.Name : '',
    stateSet: (f.StateSet as RawObject | undefined)?.className === 'osg::StateSet' ? stateSetFromRaw(f.StateSet as RawObject, ctx) : undefined,
    children: [] as OsgbNode[],
  };
  if (!base.stateSet) delete base.stateSet;
  let node: OsgbNode | null;
  if (raw.skipped) node = { kind: 'Unknown', ...base };
  else if (isA(c, 'osg::Geometry')) node = geometryFromRaw(raw, base);
  else if (isA(c, 'osg::LOD')) {
    const centerMode = CENTER_MODES[Number(f.CenterMode ?? 0)] ?? 'USE_BOUNDING_SPHERE_CENTER';
    const uc = f.UserCenter as number[] | undefined;
    const lod = {
      ...base, centerMode,
      ...(uc ? { center: [uc[0], uc[1], uc[2]] as [number, number, number], radius: uc[3] } : {}),
      rangeMode: RANGE_MODES[Number(f.RangeMode ?? 0)] ?? 'DISTANCE_FROM_EYE_POINT',
      ranges: (f.RangeList as Array<[number, number]> | undefined) ?? [],
    };
    if (isA(c, 'osg::PagedLOD')) {
      const rd = f.RangeDataList as RangeData | undefined;
      node = { kind: 'PagedLOD', ...lod, fileNames: rd?.fileNames ?? [], databasePath: (f.DatabasePath as string | undefined) ?? '', priorities: rd?.priorities ?? [] };
    } else node = { kind: 'LOD', ...lod };
  } else if (isA(c, 'osg::MatrixTransform')) node = { kind: 'MatrixTransform', ...base, matrix: (f.Matrix as number[] | undefined) ?? identity() };
  else if (isA(c, 'osg::PositionAttitudeTransform')) {
    const v3 = (x: unknown, d: number) => ((x as number[] | undefined) ?? [d, d, d]).slice(0, 3) as [number, number, number];
    node = {
      kind: 'PositionAttitudeTransform', ...base, position: v3(f.Position, 0),
      attitude: ((f.Attitude as number[] | undefined) ?? [0, 0, 0, 1]).slice(0, 4) as [number, number, number, number],
      scale: v3(f.Scale, 1), pivot: v3(f.PivotPoint, 0),
    };
  } else if (isA(c, 'osg::Switch')) node = { kind: 'Switch', ...base };
  else if (isA(c, 'osg::Transform')) node = { kind: 'Transform', ...base };
  else if (isA(c, 'osg::Geode')) node = { kind: 'Geode', ...base };
  else if (isA(c, 'osg::Group')) node = { kind: 'Group', ...base };
  else if (isA(c, 'osg::Node')) node = { kind: 'Node', ...base };
  else node = null;
  ctx.nodes.set(raw, node);
  if (node) {
    const kids = (f.Children ?? f.Drawables) as Array<RawObject | null> | undefined;
    for (const k of kids ?? []) {
      const child = k ? nodeFromRaw(k, ctx) : null;
      if (child) node.children.push(child);
    }
  }
  return node;
}

function identity(): number[] {
  return [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
}

interface Slot { vector: RawVector; binding: number }
function slotFromRaw(f: Record<string, unknown>, objectField: string, dataField: string): Slot | undefined {
  const obj = f[objectField] as RawObject | null | undefined;
  if (obj?.fields.vector) return { vector: obj.fields.vector as RawVector, binding: Number(obj.fields.Binding ?? 4) };
  const data = f[dataField] as RawArrayData | undefined;
  if (data?.array?.fields.vector) return { vector: data.array.fields.vector as RawVector, binding: data.binding };
  return undefined;
}

/** Copies `vector` into a Float32Array of `components` per element (pads with `pad`, drops extras). */
function toFloat32(vector: RawVector, components: number, pad: number[], scale = 1): Float32Array {
  const n = vector.data.length / vector.components;
  const out = new Float32Array(n * components);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < components; k++) {
      out[i * components + k] = k < vector.components ? vector.data[i * vector.components + k] * scale : pad[k];
    }
  }
  return out;
}

function geometryFromRaw(raw: RawObject, base: Omit<OsgbGeometry, 'kind' | 'positions' | 'primitives'>): OsgbGeometry {
  const f = raw.fields;
  const vertex = slotFromRaw(f, 'VertexArray', 'VertexData');
  let positions: Float32Array | Float64Array = new Float32Array(0);
  if (vertex) {
    const v = vertex.vector;
    if (v.type === 'f32' && v.components === 3) positions = v.data as Float32Array;
    else if (v.type === 'f64') {
      const n = v.data.length / v.components;
      positions = new Float64Array(n * 3);
      for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) positions[i * 3 + k] = k < v.components ? v.data[i * v.components + k] : 0;
    } else positions = toFloat32(v, 3, [0, 0, 0]);
  }
  const geom: OsgbGeometry = { kind: 'Geometry', ...base, positions, primitives: [] };
  const normal = slotFromRaw(f, 'NormalArray', 'NormalData');
  if (normal) {
    const scale = normal.vector.type === 'i8' ? 1 / 127 : normal.vector.type === 'i16' ? 1 / 32767 : 1;
    geom.normals = toFloat32(normal.vector, 3, [0, 0, 1], scale);
    geom.normalBinding = bindingName(normal.binding);
  }
  const color = slotFromRaw(f, 'ColorArray', 'ColorData');
  if (color) {
    geom.colors = toFloat32(color.vector, 4, [0, 0, 0, 1], color.vector.type === 'u8' ? 1 / 255 : 1);
    geom.colorBinding = bindingName(color.binding);
  }
  const texList = f.TexCoordArrayList as Array<RawObject | null> | undefined;
  const texOld = f.TexCoordData as RawArrayData[] | undefined;
  const tex0 = texList?.[0]?.fields.vector ?? texOld?.[0]?.array?.fields.vector;
  if (tex0) geom.texcoords = toFloat32(tex0 as RawVector, 2, [0, 0]);
  for (const p of (f.PrimitiveSetList as Array<RawObject | null> | undefined) ?? []) {
    if (p && !p.skipped) geom.primitives.push(primitiveFromRaw(p));
  }
  return geom;
}

function primitiveFromRaw(p: RawObject): OsgbPrimitive {
  const f = p.fields;
  const mode: OsgbPrimitiveMode = PRIMITIVE_MODES[Number(f.Mode ?? 0)] ?? 'POINTS';
  const prim: OsgbPrimitive = { mode };
  if (f.NumInstances) prim.numInstances = Number(f.NumInstances);
  if (p.className === 'osg::DrawArrays') {
    prim.first = Number(f.First ?? 0);
    prim.count = Number(f.Count ?? 0);
  } else if (p.className === 'osg::DrawArrayLengths') {
    prim.first = Number(f.First ?? 0);
    prim.lengths = (f.vector as RawVector | undefined)?.data as Int32Array | undefined ?? new Int32Array(0);
  } else {
    const data = (f.vector as RawVector | undefined)?.data;
    prim.indices = data instanceof Uint8Array || data instanceof Uint16Array || data instanceof Uint32Array ? data : new Uint32Array(0);
  }
  return prim;
}

function stateSetFromRaw(raw: RawObject, ctx: ReadContext): OsgbStateSet {
  const hit = ctx.stateSets.get(raw);
  if (hit) return hit;
  const f = raw.fields;
  const ss: OsgbStateSet = { modes: ((f.ModeList as RawModeEntry[] | undefined) ?? []).map((m) => ({ ...m })), textures: [], attributeClasses: [] };
  if (f.RenderingHint) ss.renderingHint = Number(f.RenderingHint);
  for (const entry of (f.AttributeList as RawAttributeEntry[] | undefined) ?? []) {
    if (!entry.attribute) continue;
    ss.attributeClasses.push(entry.attribute.className);
    if (entry.attribute.className === 'osg::Material') ss.material = materialFromRaw(entry.attribute);
  }
  const units = (f.TextureAttributeList as RawAttributeEntry[][] | undefined) ?? [];
  units.forEach((entries, unit) => {
    for (const entry of entries) {
      const a = entry.attribute;
      if (!a) continue;
      ss.attributeClasses.push(a.className);
      if (isA(a.className, 'osg::Texture')) ss.textures.push(textureFromRaw(a, unit, ctx));
    }
  });
  ctx.stateSets.set(raw, ss);
  return ss;
}

function materialFromRaw(raw: RawObject): OsgbMaterial {
  const f = raw.fields;
  const col = (x: unknown, d: number[]) => ((x as MaterialColor | undefined)?.front ?? d).slice(0, 4) as [number, number, number, number];
  return {
    colorMode: Number(f.ColorMode ?? 0x1603),
    ambient: col(f.Ambient, [0.2, 0.2, 0.2, 1]),
    diffuse: col(f.Diffuse, [0.8, 0.8, 0.8, 1]),
    specular: col(f.Specular, [0, 0, 0, 1]),
    emission: col(f.Emission, [0, 0, 0, 1]),
    shininess: (f.Shininess as MaterialColor | undefined)?.front[0] ?? 0,
  };
}

function textureFromRaw(raw: RawObject, unit: number, ctx: ReadContext): OsgbTexture {
  const f = raw.fields;
  const tex: OsgbTexture = { unit, className: raw.className };
  if (f.WRAP_S !== undefined) tex.wrapS = Number(f.WRAP_S);
  if (f.WRAP_T !== undefined) tex.wrapT = Number(f.WRAP_T);
  if (f.WRAP_R !== undefined) tex.wrapR = Number(f.WRAP_R);
  if (f.MIN_FILTER !== undefined) tex.minFilter = Number(f.MIN_FILTER);
  if (f.MAG_FILTER !== undefined) tex.magFilter = Number(f.MAG_FILTER);
  const img = f.Image as RawImage | null | undefined;
  if (img) {
    let image = ctx.images.get(img);
    if (!image) { image = imageFromRaw(img); ctx.images.set(img, image); }
    tex.image = image;
  }
  return tex;
}

function imageFromRaw(raw: RawImage): OsgbImage {
  const storage = STORAGE[raw.decision] ?? 'external';
  const image: OsgbImage = { name: (raw.fields.Name as string | undefined) ?? '', fileName: raw.fileName, mimeType: mimeFromFileName(raw.fileName), storage, width: 0, height: 0 };
  if (raw.data) image.data = raw.data;
  if (raw.decision === IMAGE_INLINE_FILE && raw.data) {
    const info = imageInfo(raw.data, raw.fileName);
    Object.assign(image, info);
  } else if (raw.decision === IMAGE_INLINE_DATA && raw.pixelHeader) {
    image.mimeType = 'application/octet-stream';
    image.width = raw.pixelHeader.s;
    image.height = raw.pixelHeader.t;
    image.pixelFormat = raw.pixelHeader.pixelFormat;
    image.dataType = raw.pixelHeader.dataType;
  }
  return image;
}

// ---- typed → raw --------------------------------------------------------------------------------

const KIND_CLASS: Record<string, string> = {
  Node: 'osg::Node', Group: 'osg::Group', Geode: 'osg::Geode', Switch: 'osg::Switch', Transform: 'osg::Transform', Unknown: 'osg::Group',
  LOD: 'osg::LOD', PagedLOD: 'osg::PagedLOD', MatrixTransform: 'osg::MatrixTransform', PositionAttitudeTransform: 'osg::PositionAttitudeTransform',
  Geometry: 'osg::Geometry',
};

/** Converts a typed tree to the objects the writer serializes for serializer `version`. */
export function sceneToRaw(root: OsgbNode, version: number): RawObject {
  return nodeToRaw(root, version, new Map());
}

function raw(className: string, fields: Record<string, unknown>): RawObject {
  return { className, id: 0, fields };
}

function nodeToRaw(node: OsgbNode, version: number, cache: Map<object, unknown>): RawObject {
  const hit = cache.get(node);
  if (hit) return hit as RawObject;
  const className = KIND_CLASS[node.kind];
  const f: Record<string, unknown> = { Name: node.name ?? '', DataVariance: node.kind === 'Geometry' ? 1 : 2 };
  if (node.stateSet) f.StateSet = stateSetToRaw(node.stateSet, cache);
  const children = node.children.map((c) => nodeToRaw(c, version, cache));
  switch (node.kind) {
    case 'Geode':
      if (children.length) f.Drawables = children;
      break;
    case 'LOD':
    case 'PagedLOD': {
      f.CenterMode = CENTER_MODES.indexOf(node.centerMode);
      if (node.center) f.UserCenter = [...node.center, node.radius ?? 0];
      f.RangeMode = RANGE_MODES.indexOf(node.rangeMode);
      if (node.ranges.length) f.RangeList = node.ranges;
      if (node.kind === 'PagedLOD') {
        f.DatabasePath = node.databasePath ?? '';
        if (node.fileNames.length) {
          f.RangeDataList = { fileNames: node.fileNames, priorities: node.priorities?.length ? node.priorities : node.fileNames.map(() => [0, 1]) };
        }
        f.Children = children;
      } else if (children.length) f.Children = children;
      break;
    }
    case 'MatrixTransform':
      f.Matrix = node.matrix;
      if (children.length) f.Children = children;
      break;
    case 'PositionAttitudeTransform':
      Object.assign(f, { Position: node.position, Attitude: node.attitude, Scale: node.scale, PivotPoint: node.pivot });
      if (children.length) f.Children = children;
      break;
    case 'Geometry':
      Object.assign(f, geometryFields(node, version));
      break;
    default:
      if (children.length && node.kind !== 'Node') f.Children = children;
  }
  const out = raw(className, f);
  cache.set(node, out);
  return out;
}

function vec(type: RawVector['type'], components: number, data: TypedVector): RawVector {
  return { type, components, data };
}

function arrayObject(className: string, vector: RawVector, binding: OsgbBinding = 'BIND_PER_VERTEX'): RawObject {
  const b = Number(Object.keys(BINDINGS).find((k) => BINDINGS[Number(k)] === binding) ?? 4);
  return raw(className, { Binding: b, Normalize: false, PreserveDataType: false, vector });
}

function geometryFields(g: OsgbGeometry, version: number): Record<string, unknown> {
  const f: Record<string, unknown> = { SupportsDisplayList: true, UseDisplayList: false, UseVertexBufferObjects: true };
  const slots: Array<[string, string, RawObject, OsgbBinding]> = [];
  const pos = g.positions instanceof Float64Array ? arrayObject('osg::Vec3dArray', vec('f64', 3, g.positions)) : arrayObject('osg::Vec3Array', vec('f32', 3, g.positions));
  slots.push(['VertexArray', 'VertexData', pos, 'BIND_PER_VERTEX']);
  if (g.normals) slots.push(['NormalArray', 'NormalData', arrayObject('osg::Vec3Array', vec('f32', 3, g.normals), g.normalBinding), g.normalBinding ?? 'BIND_PER_VERTEX']);
  if (g.colors) slots.push(['ColorArray', 'ColorData', arrayObject('osg::Vec4Array', vec('f32', 4, g.colors), g.colorBinding), g.colorBinding ?? 'BIND_PER_VERTEX']);
  const tex = g.texcoords ? arrayObject('osg::Vec2Array', vec('f32', 2, g.texcoords)) : undefined;
  const prims = g.primitives.map(primitiveToRaw);
  f.PrimitiveSetList = prims;
  if (version >= ARRAY_OBJECTS_SINCE) {
    for (const [name, , obj] of slots) f[name] = obj;
    if (tex) f.TexCoordArrayList = [tex];
  } else {
    for (const [, oldName, obj, binding] of slots) {
      f[oldName] = { array: obj, indices: null, binding: Number(obj.fields.Binding ?? (binding === 'BIND_OVERALL' ? 1 : 4)), normalize: 0 } satisfies RawArrayData;
    }
    if (tex) f.TexCoordData = [{ array: tex, indices: null, binding: 4, normalize: 0 } satisfies RawArrayData];
  }
  return f;
}

function primitiveToRaw(p: OsgbPrimitive): RawObject {
  const f: Record<string, unknown> = { Mode: PRIMITIVE_MODES.indexOf(p.mode), NumInstances: p.numInstances ?? 0 };
  if (p.indices) {
    if (p.indices instanceof Uint32Array) return raw('osg::DrawElementsUInt', { ...f, vector: vec('u32', 1, p.indices) });
    if (p.indices instanceof Uint16Array) return raw('osg::DrawElementsUShort', { ...f, vector: vec('u16', 1, p.indices) });
    return raw('osg::DrawElementsUByte', { ...f, vector: vec('u8', 1, p.indices) });
  }
  if (p.lengths) return raw('osg::DrawArrayLengths', { ...f, First: p.first ?? 0, vector: vec('i32', 1, p.lengths) });
  return raw('osg::DrawArrays', { ...f, First: p.first ?? 0, Count: p.count ?? 0 });
}

function stateSetToRaw(ss: OsgbStateSet, cache: Map<object, unknown>): RawObject {
  const hit = cache.get(ss);
  if (hit) return hit as RawObject;
  const f: Record<string, unknown> = { DataVariance: 1, RenderingHint: ss.renderingHint ?? 0 };
  if (ss.modes.length) f.ModeList = ss.modes.map((m) => ({ ...m }));
  if (ss.material) f.AttributeList = [{ attribute: materialToRaw(ss.material), value: 0 }] satisfies RawAttributeEntry[];
  if (ss.textures.length) {
    const units = Math.max(...ss.textures.map((t) => t.unit)) + 1;
    const modes: RawModeEntry[][] = Array.from({ length: units }, () => []);
    const attrs: RawAttributeEntry[][] = Array.from({ length: units }, () => []);
    for (const t of ss.textures) {
      modes[t.unit].push({ mode: GL.TEXTURE_2D, value: 1 });
      attrs[t.unit].push({ attribute: textureToRaw(t, cache), value: 0 });
    }
    f.TextureModeList = modes;
    f.TextureAttributeList = attrs;
  }
  const out = raw('osg::StateSet', f);
  cache.set(ss, out);
  return out;
}

function materialToRaw(m: OsgbMaterial): RawObject {
  const c = (v: number[]): MaterialColor => ({ frontAndBack: true, front: [...v], back: [...v] });
  return raw('osg::Material', {
    ColorMode: m.colorMode, Ambient: c(m.ambient), Diffuse: c(m.diffuse), Specular: c(m.specular), Emission: c(m.emission),
    Shininess: { frontAndBack: true, front: [m.shininess], back: [m.shininess] } satisfies MaterialColor,
  });
}

function textureToRaw(t: OsgbTexture, cache: Map<object, unknown>): RawObject {
  const f: Record<string, unknown> = {
    DataVariance: 1,
    WRAP_S: t.wrapS ?? GL.CLAMP_TO_EDGE, WRAP_T: t.wrapT ?? GL.CLAMP_TO_EDGE, WRAP_R: t.wrapR ?? GL.CLAMP_TO_EDGE,
    MIN_FILTER: t.minFilter ?? GL.LINEAR_MIPMAP_LINEAR, MAG_FILTER: t.magFilter ?? GL.LINEAR,
    UnRefImageDataAfterApply: true, Swizzle: 'RGBA',
  };
  if (t.image) {
    let img = cache.get(t.image) as RawImage | undefined;
    if (!img) { img = imageToRaw(t.image); cache.set(t.image, img); }
    f.Image = img;
  }
  return raw('osg::Texture2D', f);
}

function imageToRaw(i: OsgbImage): RawImage {
  const decision = { 'inline-data': IMAGE_INLINE_DATA, 'inline-file': IMAGE_INLINE_FILE, external: IMAGE_EXTERNAL, 'write-out': IMAGE_WRITE_OUT }[i.storage];
  const img: RawImage = { className: 'osg::Image', id: 0, fileName: i.fileName, writeHint: decision === IMAGE_EXTERNAL ? 2 : 1, decision, fields: { Name: i.name ?? '', DataVariance: 1 } };
  if (decision === IMAGE_INLINE_FILE || decision === IMAGE_INLINE_DATA) img.data = i.data ?? new Uint8Array(0);
  if (decision === IMAGE_INLINE_DATA) {
    const rgba = i.pixelFormat === GL.RGBA;
    img.pixelHeader = {
      origin: 0, s: i.width, t: i.height, r: 1, internalFormat: rgba ? GL.RGBA : GL.RGB, pixelFormat: i.pixelFormat ?? GL.RGB,
      dataType: i.dataType ?? GL.UNSIGNED_BYTE, packing: 1, allocationMode: 1,
    };
    img.mipmapOffsets = [];
  }
  return img;
}
