/**
 * The CIM tileset's layers, each loaded as its own Cesium3DTileset (so each can be shown,
 * hidden, styled and fail on its own). A layer that fails to load is kept in the list, marked
 * unavailable with the reason.
 */
import { Cesium3DTileset, Cesium3DTileStyle, type Viewer } from 'cesium';
import { cimLayersOf, type CimLayer } from '../layers/cim-layers.ts';

export interface LoadedLayer extends CimLayer {
  tileset?: Cesium3DTileset;
  error?: string;
}

export interface CityModel {
  layers: LoadedLayer[];
  /** Set when the root tileset itself could not be read. */
  error?: string;
}

export async function loadCityModel(viewer: Viewer, rootUrl: string): Promise<CityModel> {
  const url = new URL(rootUrl, location.href).href;
  let root: unknown;
  try {
    const r = await fetch(url);
    if (!r.ok) throw new Error(`${rootUrl}: HTTP ${r.status}`);
    root = await r.json();
  } catch (error) {
    return { layers: [], error: (error as Error).message };
  }
  const layers: LoadedLayer[] = cimLayersOf(root as Parameters<typeof cimLayersOf>[0], url);
  await Promise.all(layers.map(async (layer) => {
    try {
      layer.tileset = await Cesium3DTileset.fromUrl(layer.url, { maximumScreenSpaceError: 16, enableCollision: false });
      layer.tileset.tileFailed.addEventListener((e: { url: string; message: string }) => { layer.error = `${e.url}: ${e.message}`; });
      viewer.scene.primitives.add(layer.tileset);
    } catch (error) {
      layer.error = (error as Error).message ?? String(error);
    }
  }));
  viewer.scene.requestRender();
  window.__cimflow.tilesetsLoaded = () => layers.every((l) => !l.tileset || !l.tileset.show || l.tileset.tilesLoaded);
  return { layers };
}

/** Highlights features whose `id` property is in `ids` (buildings reached by water); clears with an empty list. */
export function highlightFeatures(layer: LoadedLayer, ids: readonly string[]): void {
  if (!layer.tileset) return;
  if (ids.length === 0) {
    layer.tileset.style = undefined;
    return;
  }
  const list = ids.map((id) => `\${id} === ${JSON.stringify(id)}`).join(' || ');
  layer.tileset.style = new Cesium3DTileStyle({ color: { conditions: [[list, "color('#ff5a36')"], ['true', 'color("white")']] } });
}
