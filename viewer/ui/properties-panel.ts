/**
 * Picking: a click on a tile feature lists its properties (EXT_structural_metadata via
 * Cesium3DTileFeature.getPropertyIds/getProperty) and highlights it. Search: finds loaded
 * features by name or id and flies to the first match.
 */
import { Cesium3DTileFeature, type BoundingSphere, Color, ScreenSpaceEventHandler, ScreenSpaceEventType, type Cartesian2, type Cesium3DTileset } from 'cesium';
import type { AppContext } from '../app-context.ts';
import { h, table } from './dom.ts';

/** Other pick targets (sensors, water) register a handler; the first that claims the pick wins. */
export type PickHandler = (picked: unknown, position: Cartesian2) => boolean;
const handlers: PickHandler[] = [];
export function onPick(handler: PickHandler): void {
  handlers.push(handler);
}

export function featureProperties(feature: Cesium3DTileFeature): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  for (const id of feature.getPropertyIds()) {
    const v: unknown = feature.getProperty(id);
    if (v === undefined || v === null || v === '') continue;
    rows.push([id, typeof v === 'object' ? JSON.stringify(v) : String(v)]);
  }
  return rows;
}

export function mountPicking(ctx: AppContext): void {
  const { viewer, t } = ctx;
  let selected: { feature: Cesium3DTileFeature; color: Color } | undefined;
  const clear = () => {
    if (selected) selected.feature.color = selected.color;
    selected = undefined;
  };
  const show = (feature: Cesium3DTileFeature) => {
    clear();
    selected = { feature, color: Color.clone(feature.color) };
    feature.color = Color.YELLOW;
    const el = ctx.showPanel('properties');
    el.replaceChildren(h('h3', {}, t('panel.properties')), h('div', { id: 'pick-result' }, table(featureProperties(feature))));
    viewer.scene.requestRender();
  };
  const handler = new ScreenSpaceEventHandler(viewer.scene.canvas);
  handler.setInputAction((e: { position: Cartesian2 }) => {
    if (window.__cimflow.measuring) return;
    const picked: unknown = viewer.scene.pick(e.position);
    if (picked instanceof Cesium3DTileFeature) return show(picked);
    clear();
    for (const hnd of handlers) if (hnd(picked, e.position)) return;
    viewer.scene.requestRender();
  }, ScreenSpaceEventType.LEFT_CLICK);
  window.__cimflow.pickAt = (x: number, y: number) => {
    const picked: unknown = viewer.scene.pick({ x, y } as Cartesian2);
    if (picked instanceof Cesium3DTileFeature) show(picked);
    return picked instanceof Cesium3DTileFeature;
  };
  ctx.showPanel('properties').replaceChildren(h('h3', {}, t('panel.properties')), h('p', { class: 'muted' }, t('pick.none')));
}

/** Features of the loaded tiles whose name or id contains `query` (case-insensitive). */
export function searchFeatures(tilesets: Cesium3DTileset[], query: string, limit = 20): Cesium3DTileFeature[] {
  const q = query.trim().toLowerCase();
  const out: Cesium3DTileFeature[] = [];
  if (!q) return out;
  const seen = new Set<string>();
  const visit = (tile: { content?: { featuresLength: number; getFeature(i: number): Cesium3DTileFeature }; children: unknown[] }) => {
    const content = tile.content;
    if (content) for (let i = 0; i < content.featuresLength && out.length < limit; i++) {
      const f = content.getFeature(i);
      const id = String(f.getProperty('id') ?? ''), name = String(f.getProperty('name') ?? '');
      if (!seen.has(id) && (id.toLowerCase().includes(q) || name.toLowerCase().includes(q))) {
        seen.add(id);
        out.push(f);
      }
    }
    for (const c of tile.children) visit(c as typeof tile);
  };
  for (const ts of tilesets) visit(ts.root as unknown as Parameters<typeof visit>[0]);
  return out;
}

export function mountSearch(ctx: AppContext, el: HTMLElement): void {
  const { viewer, t } = ctx;
  const results = h('div', { id: 'search-results' });
  const input = h('input', { type: 'search', id: 'search', placeholder: t('search.placeholder') });
  const run = () => {
    const found = searchFeatures(ctx.city.layers.flatMap((l) => (l.tileset ? [l.tileset] : [])), input.value);
    results.replaceChildren(found.length ? h('ul', {}, ...found.map((f) => h('li', {}, h('a', {
      href: '#', onclick: (e) => {
        e.preventDefault();
        viewer.camera.flyToBoundingSphere((f as unknown as { content: { tile: { boundingSphere: BoundingSphere } } }).content.tile.boundingSphere, { duration: 1 });
        ctx.showPanel('properties').replaceChildren(h('h3', {}, t('panel.properties')), table(featureProperties(f)));
      },
    }, `${String(f.getProperty('name') ?? '')} · ${String(f.getProperty('id') ?? '')}`)))) : h('p', { class: 'muted' }, t('search.none')));
  };
  input.addEventListener('change', run);
  el.append(h('h3', {}, t('panel.search')), input, results);
}
