/**
 * The cimflow digital twin: loads `/api/config`, builds the offline Cesium viewer with our
 * terrain, imagery and CIM tileset, then mounts the panels (layers and search, properties,
 * tools, flood scenarios, alarms, BIM projects). Any failure shows as a message, never a blank page.
 */
import 'cesium/Build/Cesium/Widgets/widgets.css';
import './styles.css';
import { Cartesian3, Cartographic, SceneTransforms } from 'cesium';
import type { ViewerConfig } from '../server/index.ts';
import type { AppContext } from './app-context.ts';
import { loadCityModel, type CityModel } from './cesium/city-layers.ts';
import { addGround, createViewer, flyHome } from './cesium/create-viewer.ts';
import { fetchViewerConfig } from './config/viewer-config.ts';
import { format, pickLocale, type MessageKey } from './i18n/i18n.ts';
import { hideBanner, showBanner } from './ui/banner.ts';
import { h } from './ui/dom.ts';
import { mountLayerTree } from './ui/layer-tree.ts';
import { mountPicking, mountSearch } from './ui/properties-panel.ts';
import { mountProjects } from './ui/project-panel.ts';
import { mountScenarios } from './ui/scenario-panel.ts';
import { mountSensors } from './ui/sensor-panel.ts';
import { mountTools } from './ui/tools-panel.ts';

const params = new URLSearchParams(location.search);
const locale = pickLocale(params.get('lang'), navigator.languages);
const t = (key: MessageKey, p?: Record<string, string | number>) => format(locale, key, p);
window.__cimflow = { ready: false, frames: 0, errors: [] };
document.documentElement.lang = locale;

window.addEventListener('error', (e) => window.__cimflow.errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__cimflow.errors.push(String((e.reason as Error)?.message ?? e.reason)));

const TABS = ['layers', 'properties', 'tools', 'scenarios', 'alarms', 'projects'] as const;
const TAB_LABEL: Record<(typeof TABS)[number], MessageKey> = {
  layers: 'panel.layers', properties: 'panel.properties', tools: 'panel.tools', scenarios: 'panel.scenarios', alarms: 'panel.alarms', projects: 'panel.projects',
};

function setupChrome(): { panes: Record<(typeof TABS)[number], HTMLElement>; select(key: string): HTMLElement } {
  const lang = document.getElementById('lang')!;
  lang.textContent = t('app.language');
  lang.onclick = () => {
    params.set('lang', locale === 'en' ? 'zh-CN' : 'en');
    location.search = params.toString();
  };
  const panel = document.getElementById('panel')!;
  const tabs = document.getElementById('tabs')!;
  const panes = {} as Record<(typeof TABS)[number], HTMLElement>;
  for (const key of TABS) {
    panes[key] = h('div', { id: `pane-${key}`, hidden: key !== 'layers' });
    panel.append(panes[key]);
    tabs.append(h('button', { type: 'button', id: `tab-${key}`, 'aria-selected': String(key === 'layers'), onclick: () => select(key) }, t(TAB_LABEL[key])));
  }
  function select(key: string): HTMLElement {
    for (const k of TABS) {
      panes[k].hidden = k !== key;
      document.getElementById(`tab-${k}`)!.setAttribute('aria-selected', String(k === key));
    }
    return panes[key as (typeof TABS)[number]];
  }
  return { panes, select };
}

async function loadConfig(): Promise<ViewerConfig> {
  for (let attempt = 0; ; attempt++) {
    try {
      const config = await fetchViewerConfig('api/config');
      hideBanner();
      return config;
    } catch (error) {
      let retryNow: () => void = () => {};
      const wait = new Promise<void>((resolve) => { retryNow = resolve; setTimeout(resolve, Math.min(2000 * 2 ** attempt, 30_000)); });
      showBanner(t('error.config', { detail: (error as Error).message }), { label: t('app.retry'), action: () => retryNow() });
      document.getElementById('loading')!.hidden = true;
      await wait;
    }
  }
}

async function main(): Promise<void> {
  document.title = t('app.title');
  const { panes, select } = setupChrome();
  const config = await loadConfig();
  document.getElementById('title')!.textContent = config.title;
  const viewer = createViewer(document.getElementById('globe')!, config);
  window.__cimflow.viewer = viewer;
  viewer.scene.postRender.addEventListener(() => { window.__cimflow.frames++; });
  window.__cimflow.toScreenCartesian = (position: Cartesian3) => {
    const p = SceneTransforms.worldToWindowCoordinates(viewer.scene, position);
    return p ? { x: p.x, y: p.y } : null;
  };
  window.__cimflow.toScreen = (lon: number, lat: number, height: number) => (window.__cimflow.toScreenCartesian as (p: Cartesian3) => unknown)(Cartesian3.fromDegrees(lon, lat, height));
  window.__cimflow.groundToScreen = (lon: number, lat: number) => {
    const height = viewer.scene.globe.getHeight(Cartographic.fromDegrees(lon, lat)) ?? 0;
    return (window.__cimflow.toScreenCartesian as (p: Cartesian3) => unknown)(Cartesian3.fromDegrees(lon, lat, height));
  };
  window.__cimflow.flyHome = () => flyHome(viewer, config, 0);
  viewer.scene.renderError.addEventListener((_scene, error) => showBanner(t('error.render', { detail: String((error as Error)?.message ?? error) })));
  document.getElementById('loading')!.hidden = true;

  const [ground, city] = await Promise.all([
    addGround(viewer, config),
    config.tileset ? loadCityModel(viewer, config.tileset) : Promise.resolve<CityModel>({ layers: [] }),
  ]);
  window.__cimflow.city = city;
  const ctx: AppContext = {
    viewer, config, locale, t, city,
    showPanel: select,
    token: () => localStorage.getItem('cimflow.token') ?? '',
  };
  const tree = h('div', { id: 'layer-tree' });
  panes.layers.append(tree);
  mountLayerTree(ctx, tree, ground);
  mountPicking(ctx);
  mountSearch(ctx, panes.layers);
  mountTools(ctx, panes.tools);
  mountProjects(ctx, panes.projects);
  mountScenarios(ctx, panes.scenarios);
  if (ground.terrain || ground.imagery || city.error) {
    showBanner([ground.terrain && t('error.terrain', { detail: ground.terrain }), ground.imagery && t('error.imagery', { detail: ground.imagery }), city.error && t('error.tileset', { detail: city.error })].filter(Boolean).join(' · '));
  }
  window.__cimflow.ready = true;
  viewer.scene.requestRender();
  await mountSensors(ctx, panes.alarms);
}

main().catch((error: Error) => {
  window.__cimflow.errors.push(error.message);
  showBanner(error.message);
});
