/**
 * Planner tools: measure (distance, height, area), a vertical section (clipping plane) through the
 * building layers, the underground view (translucent ground, camera allowed below it) for pipes
 * and manholes, and sun and shadows at a chosen date and time.
 */
import { Cartesian3, ClippingPlane, ClippingPlaneCollection, JulianDate, NearFarScalar } from 'cesium';
import type { AppContext } from '../app-context.ts';
import { MeasureTool, type MeasureMode } from '../cesium/measure.ts';
import { h } from './dom.ts';

export function mountTools(ctx: AppContext, el: HTMLElement): void {
  const { viewer, t } = ctx;
  const scene = viewer.scene;
  const result = h('output', { id: 'measure-result' });
  let tool: MeasureTool | undefined;
  const measure = (mode: MeasureMode) => {
    tool?.destroy();
    tool = new MeasureTool(viewer, mode, (text) => { result.textContent = text; });
    window.__cimflow.measuring = true;
  };
  const stopMeasure = () => {
    tool?.destroy();
    tool = undefined;
    result.textContent = '';
    window.__cimflow.measuring = false;
  };

  // Section: a vertical plane through each layer's centre, facing the camera's heading, moved by
  // the slider. A layer's clipping planes are in its root tile's frame, which the tiles3d writer
  // makes an ENU frame (x east, y north, z up).
  const offset = h('input', { type: 'range', id: 'section-offset', min: -300, max: 300, value: 0, disabled: true });
  const setSection = (on: boolean) => {
    offset.toggleAttribute('disabled', !on);
    const heading = scene.camera.heading;
    for (const layer of ctx.city.layers) {
      if (!layer.tileset) continue;
      layer.tileset.clippingPlanes = new ClippingPlaneCollection({
        enabled: on, edgeWidth: 1.5,
        planes: [new ClippingPlane(new Cartesian3(Math.sin(heading), Math.cos(heading), 0), -Number(offset.value))],
      });
    }
    scene.requestRender();
  };
  const sectionBox = h('input', { type: 'checkbox', id: 'tool-section', onchange: (e) => setSection((e.target as HTMLInputElement).checked) });
  offset.addEventListener('input', () => {
    for (const layer of ctx.city.layers) {
      const planes = layer.tileset?.clippingPlanes;
      if (planes?.length) planes.get(0).distance = -Number(offset.value);
    }
    scene.requestRender();
  });

  const setUnderground = (on: boolean) => {
    const globe = scene.globe;
    globe.translucency.enabled = on;
    globe.translucency.frontFaceAlphaByDistance = new NearFarScalar(400, 0.35, 4000, 0.9);
    globe.translucency.backFaceAlpha = on ? 0.3 : 1;
    scene.screenSpaceCameraController.enableCollisionDetection = !on;
    globe.depthTestAgainstTerrain = !on;
    window.__cimflow.underground = on;
    scene.requestRender();
  };
  const undergroundBox = h('input', { type: 'checkbox', id: 'tool-underground', onchange: (e) => setUnderground((e.target as HTMLInputElement).checked) });

  const date = h('input', { type: 'datetime-local', id: 'sun-time', value: '2026-06-21T15:00' });
  const setShadows = (on: boolean) => {
    viewer.shadows = on;
    viewer.terrainShadows = on ? 1 : 0;
    scene.globe.enableLighting = on;
    if (on) viewer.clock.currentTime = JulianDate.fromDate(new Date(`${date.value}:00+08:00`));
    scene.requestRender();
  };
  const shadowBox = h('input', { type: 'checkbox', id: 'tool-shadows', onchange: (e) => setShadows((e.target as HTMLInputElement).checked) });
  date.addEventListener('change', () => setShadows(shadowBox.checked));

  el.append(h('h3', {}, t('panel.tools')),
    h('div', { class: 'row' },
      h('button', { type: 'button', id: 'tool-distance', onclick: () => measure('distance') }, t('tool.distance')),
      h('button', { type: 'button', id: 'tool-height', onclick: () => measure('height') }, t('tool.height')),
      h('button', { type: 'button', id: 'tool-area', onclick: () => measure('area') }, t('tool.area')),
      h('button', { type: 'button', id: 'tool-clear', onclick: stopMeasure }, t('tool.clear'))),
    h('div', { class: 'row' }, result),
    h('div', { class: 'row' }, sectionBox, h('label', { for: 'tool-section' }, t('tool.section')), offset),
    h('div', { class: 'row' }, undergroundBox, h('label', { for: 'tool-underground' }, t('tool.underground'))),
    h('div', { class: 'row' }, shadowBox, h('label', { for: 'tool-shadows' }, t('tool.shadows'))),
    h('div', { class: 'row' }, date));
}
