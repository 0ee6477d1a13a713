/**
 * The layer tree's model: the root CIM tileset (tiling/tiles3d writeCimTileset) lists one
 * `cimLayer` group per layer (id, name, kind) and one child per layer whose content is that
 * layer's external tileset and names its group.
 */
export interface CimLayer {
  id: string;
  name: string;
  kind: string;
  /** URL of the layer's tileset, resolved against the root tileset's URL. */
  url: string;
}

interface RootTileset {
  groups?: Array<{ class?: string; properties?: Record<string, unknown> }>;
  root?: { children?: Array<{ content?: { uri?: string; url?: string; group?: number } }> };
}

export function cimLayersOf(root: RootTileset, rootUrl: string): CimLayer[] {
  const groups = root.groups ?? [];
  const out: CimLayer[] = [];
  for (const child of root.root?.children ?? []) {
    const uri = child.content?.uri ?? child.content?.url;
    if (!uri) continue;
    const g = child.content?.group !== undefined ? groups[child.content.group]?.properties : undefined;
    const id = typeof g?.id === 'string' ? g.id : uri.split('/')[0];
    out.push({ id, name: typeof g?.name === 'string' ? g.name : id, kind: typeof g?.kind === 'string' ? g.kind : 'other', url: new URL(uri, rootUrl).href });
  }
  return out;
}
