/** The layer tree: terrain, imagery, each CIM layer (buildings, BIM, pipe networks…), sensors, flood results. */
import type { AppContext } from '../app-context.ts';
import { h } from './dom.ts';

export interface ExtraLayer {
  id: string;
  label: string;
  show: boolean;
  setShow(show: boolean): void;
  error?: string;
}

const extras: ExtraLayer[] = [];
let render: (() => void) | undefined;

/** Layers added by other parts (sensors, water); the tree re-renders. */
export function registerLayer(layer: ExtraLayer): void {
  const i = extras.findIndex((l) => l.id === layer.id);
  if (i >= 0) extras[i] = layer;
  else extras.push(layer);
  render?.();
}

export function mountLayerTree(ctx: AppContext, el: HTMLElement, groundErrors: { terrain?: string; imagery?: string }): void {
  const { viewer, t } = ctx;
  const checkbox = (id: string, label: string, show: boolean, set: (v: boolean) => void, error?: string): HTMLElement =>
    h('div', { class: 'row', 'data-layer': id },
      h('input', { type: 'checkbox', id: `layer-${id}`, ...(show ? { checked: true } : {}), disabled: !!error, onchange: (e) => { set((e.target as HTMLInputElement).checked); viewer.scene.requestRender(); } }),
      h('label', { for: `layer-${id}` }, label),
      error ? h('span', { class: 'err', title: error }, `${t('layer.unavailable')}: ${error}`) : null);
  render = () => {
    el.replaceChildren(
      h('h3', {}, t('panel.layers')),
      checkbox('terrain', t('layer.terrain'), viewer.scene.globe.show, (v) => { viewer.scene.globe.show = v; }, groundErrors.terrain),
      checkbox('imagery', t('layer.imagery'), viewer.imageryLayers.length > 0 && viewer.imageryLayers.get(0).show, (v) => { for (let i = 0; i < viewer.imageryLayers.length; i++) viewer.imageryLayers.get(i).show = v; }, groundErrors.imagery),
      ...(ctx.city.error ? [h('div', { class: 'err', 'data-layer': 'tileset' }, t('error.tileset', { detail: ctx.city.error }))] : []),
      ...ctx.city.layers.map((l) => checkbox(l.id, `${l.name} (${l.kind})`, !!l.tileset?.show, (v) => { if (l.tileset) l.tileset.show = v; }, l.error)),
      ...extras.map((l) => checkbox(l.id, l.label, l.show, (v) => { l.show = v; l.setShow(v); }, l.error)),
    );
  };
  render();
}
