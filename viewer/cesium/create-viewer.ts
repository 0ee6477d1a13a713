/**
 * The Cesium Viewer, offline: no ion token, no Bing or default imagery, no default terrain, no
 * geocoder; our terrain and imagery from the server. Render on demand (`requestRenderMode`).
 */
import {
  Cartesian3, CesiumTerrainProvider, Color, EllipsoidTerrainProvider, GeographicTilingScheme, ImageryLayer, Ion,
  Math as CesiumMath, Rectangle, UrlTemplateImageryProvider, Viewer,
} from 'cesium';
import type { ViewerConfig } from '../../server/index.ts';

export interface ViewerErrors {
  terrain?: string;
  imagery?: string;
}

export function createViewer(container: HTMLElement, config: ViewerConfig): Viewer {
  Ion.defaultAccessToken = '';
  const viewer = new Viewer(container, {
    baseLayer: false,
    terrainProvider: new EllipsoidTerrainProvider(),
    msaaSamples: 1,
    requestRenderMode: true,
    maximumRenderTimeChange: Infinity,
    geocoder: false,
    baseLayerPicker: false,
    homeButton: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
    animation: true,
    timeline: true,
    shouldAnimate: false,
    contextOptions: { webgl: { preserveDrawingBuffer: true } },
  });
  viewer.scene.globe.baseColor = Color.fromCssColorString('#6b7b6a');
  viewer.scene.globe.depthTestAgainstTerrain = true;
  // Credits stay local: the default Cesium logo is bundled, no ion credit images are fetched.
  (viewer.cesiumWidget.creditContainer as HTMLElement).style.display = 'none';
  flyHome(viewer, config, 0);
  return viewer;
}

export function flyHome(viewer: Viewer, config: ViewerConfig, duration = 1.5): void {
  const h = config.home;
  viewer.camera.flyTo({
    destination: Cartesian3.fromDegrees(h.lon, h.lat, h.height),
    orientation: { heading: CesiumMath.toRadians(h.heading), pitch: CesiumMath.toRadians(h.pitch), roll: 0 },
    duration,
  });
}

/**
 * A quantized-mesh tile whose horizon occlusion point is the origin (tiling/terrain writes that
 * for the level-0 hemispheres) is culled by every camera, so the globe never draws. Such points
 * are dropped: Cesium then derives one from the tile's bounding box.
 */
function withValidHorizonPoints(provider: CesiumTerrainProvider): CesiumTerrainProvider {
  const request = provider.requestTileGeometry.bind(provider);
  provider.requestTileGeometry = (x, y, level, req) => request(x, y, level, req)?.then((data) => {
    const d = data as unknown as { _horizonOcclusionPoint?: Cartesian3 };
    if (d._horizonOcclusionPoint && Cartesian3.magnitudeSquared(d._horizonOcclusionPoint) === 0) d._horizonOcclusionPoint = undefined;
    return data;
  });
  return provider;
}

/** Terrain and imagery per the config; failures are reported, never thrown (the globe stays). */
export async function addGround(viewer: Viewer, config: ViewerConfig): Promise<ViewerErrors> {
  const errors: ViewerErrors = {};
  if (config.terrain) {
    try {
      viewer.terrainProvider = withValidHorizonPoints(await CesiumTerrainProvider.fromUrl(config.terrain, { requestVertexNormals: true }));
    } catch (error) {
      errors.terrain = String((error as Error).message ?? error);
    }
  }
  if (config.imagery) {
    const { url, bounds, minLevel, maxLevel } = config.imagery;
    const provider = new UrlTemplateImageryProvider({
      url: url.includes('{z}') ? url : `${url.replace(/\/$/, '')}/{z}/{x}/{y}.jpg`,
      tilingScheme: new GeographicTilingScheme(),
      rectangle: Rectangle.fromDegrees(...bounds),
      minimumLevel: minLevel,
      maximumLevel: maxLevel,
    });
    provider.errorEvent.addEventListener((e) => {
      errors.imagery = e.message;
      e.retry = false;
    });
    viewer.imageryLayers.add(new ImageryLayer(provider, {}));
  }
  viewer.scene.requestRender();
  return errors;
}
