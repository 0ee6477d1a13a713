/**
 * Plays a scenario's replay on Cesium's clock and timeline: the frame at the clock's time is
 * drawn as a 3D water surface over the terrain, coloured by depth (water-surface.ts); maximum
 * depth and hazard as their own draped layers; a click on the
 * ground charts depth and velocity at that cell over the run; buildings reached by water are
 * highlighted in the building layers.
 */
import { Cesium3DTileset, ClockRange, JulianDate, type Cartesian2 } from 'cesium';
import { createTransform } from '../../cim-model/index.ts';
import { ReplayReader } from '../../flood-sim/index.ts';
import type { ScenarioSummary } from '../../server/index.ts';
import type { AppContext } from '../app-context.ts';
import { highlightFeatures } from '../cesium/city-layers.ts';
import { gridFrame, WaterLayer } from '../cesium/water-layer.ts';
import { WaterSurface } from '../cesium/water-surface.ts';
import { lineChart } from '../ui/chart.ts';
import { h } from '../ui/dom.ts';
import { registerLayer } from '../ui/layer-tree.ts';
import { onPick } from '../ui/properties-panel.ts';
import { DEPTH_BREAKS, DEPTH_COLORS, HAZARD_BREAKS, HAZARD_COLORS, legendEntries } from '../water/depth-colors.ts';
import { browserReplaySource, frameAt } from './replay-source.ts';

const EPOCH = JulianDate.fromIso8601('2026-01-01T00:00:00Z');
let current: ReplayPlayer | undefined;

export class ReplayPlayer {
  private shown = -1;
  private loading = false;
  private readonly removeTick: () => void;
  private readonly layers: WaterLayer[] = [];

  private constructor(private readonly ctx: AppContext, readonly scenario: ScenarioSummary, readonly reader: ReplayReader, readonly water: WaterSurface) {
    const { viewer } = ctx;
    const clock = viewer.clock;
    clock.startTime = EPOCH.clone();
    clock.stopTime = JulianDate.addSeconds(EPOCH, reader.header.duration, new JulianDate());
    clock.currentTime = EPOCH.clone();
    clock.clockRange = ClockRange.CLAMPED;
    clock.multiplier = Math.max(1, reader.header.duration / 60);
    viewer.timeline?.zoomTo(clock.startTime, clock.stopTime);
    this.removeTick = clock.onTick.addEventListener(() => this.update());
    void this.update();
  }

  static async open(ctx: AppContext, scenario: ScenarioSummary): Promise<ReplayPlayer> {
    if (!scenario.results) throw new Error(`scenario ${scenario.id} has no results`);
    current?.close();
    const reader = await ReplayReader.open(browserReplaySource(new URL(scenario.results.replay, location.href).href));
    const hd = reader.header;
    const grid = gridFrame(hd);
    const scale = Math.max(1, Math.min(4, Math.floor(1024 / Math.max(hd.nx, hd.ny))));
    const water = await WaterSurface.create(ctx.viewer, hd, { breaks: DEPTH_BREAKS, colors: DEPTH_COLORS });
    const player = new ReplayPlayer(ctx, scenario, reader, water);
    current = player;
    await player.addMaxima(grid, hd.nx * scale, hd.ny * scale);
    player.highlight(scenario.results.affectedBuildings);
    player.showLegend();
    window.__cimflow.replay = player;
    return player;
  }

  get frame(): number {
    return this.shown;
  }

  private async addMaxima(grid: ReturnType<typeof gridFrame>, w: number, hgt: number): Promise<void> {
    const { t, viewer } = this.ctx;
    registerLayer({ id: 'water', label: `${t('layer.water')} · ${this.scenario.name}`, show: true, setShow: (v) => { this.water.show = v; } });
    const maxima = await this.reader.maxima();
    if (!maxima) return;
    const hd = this.reader.header;
    const maxLayer = new WaterLayer(viewer, grid, w, hgt);
    maxLayer.draw(maxima.depth, hd.nx, hd.ny, DEPTH_BREAKS, DEPTH_COLORS);
    maxLayer.show = false;
    const hazard = new WaterLayer(viewer, grid, w, hgt);
    hazard.draw(maxima.hazard, hd.nx, hd.ny, HAZARD_BREAKS, HAZARD_COLORS);
    hazard.show = false;
    this.layers.push(maxLayer, hazard);
    registerLayer({ id: 'max-depth', label: t('layer.maxDepth'), show: false, setShow: (v) => { maxLayer.show = v; } });
    registerLayer({ id: 'hazard', label: t('layer.hazard'), show: false, setShow: (v) => { hazard.show = v; } });
  }

  private highlight(ids: readonly string[]): void {
    for (const layer of this.ctx.city.layers) if (layer.kind === 'buildings') highlightFeatures(layer, ids);
    this.ctx.viewer.scene.requestRender();
  }

  private showLegend(): void {
    const el = document.getElementById('legend')!;
    el.replaceChildren(h('strong', {}, this.ctx.t('legend.depth')), ...legendEntries(DEPTH_BREAKS, DEPTH_COLORS).map((e) => h('div', {}, h('span', { class: 'swatch', style: `background:${e.css}` }), e.label)));
    el.hidden = false;
  }

  /** Draws the frame at the clock's time, if it changed (one load at a time; the latest wins). */
  private async update(): Promise<void> {
    if (this.loading) return;
    const t = JulianDate.secondsDifference(this.ctx.viewer.clock.currentTime, EPOCH);
    const k = frameAt(this.reader.times, t);
    if (k === this.shown) return;
    this.loading = true;
    try {
      this.water.draw(k < 0 ? new Float32Array(0) : (await this.reader.frame(k)).depth);
      this.shown = k;
    } finally {
      this.loading = false;
    }
  }

  /** Depth and speed at a grid cell for every frame: [time s, value]. */
  async series(cell: number): Promise<{ depth: Array<[number, number]>; speed: Array<[number, number]> }> {
    const depth: Array<[number, number]> = [], speed: Array<[number, number]> = [];
    for (let k = 0; k < this.reader.frameCount; k++) {
      const f = await this.reader.frame(k);
      depth.push([f.time, f.depth[cell]]);
      speed.push([f.time, Math.hypot(f.u[cell], f.v[cell])]);
    }
    return { depth, speed };
  }

  /** The grid cell under a screen position, or undefined off the grid. */
  cellAt(position: Cartesian2): number | undefined {
    const { viewer } = this.ctx;
    const ray = viewer.camera.getPickRay(position);
    const hit = ray && viewer.scene.globe.pick(ray, viewer.scene);
    if (!hit) return undefined;
    const carto = viewer.scene.globe.ellipsoid.cartesianToCartographic(hit);
    const hd = this.reader.header;
    const [x, y] = createTransform('EPSG:4326', hd.crs).forward([(carto.longitude * 180) / Math.PI, (carto.latitude * 180) / Math.PI]);
    const i = Math.floor((x - hd.originX) / hd.cellSize), j = Math.floor((hd.originY - y) / hd.cellSize);
    return i >= 0 && j >= 0 && i < hd.nx && j < hd.ny ? i + j * hd.nx : undefined;
  }

  close(): void {
    this.removeTick();
    this.water.destroy();
    for (const l of this.layers) l.destroy();
    this.highlight([]);
    document.getElementById('legend')!.hidden = true;
    if (current === this) current = undefined;
  }
}

/**
 * Clicks on the ground while a replay is open chart depth and velocity there. The ground is the
 * terrain or a tileset without per-feature metadata over it (the reality mesh); features, sensors
 * and other picks are left to their own handlers.
 */
export function mountReplayProbe(ctx: AppContext): void {
  onPick((picked, position) => {
    const onGround = picked === undefined || (picked as { primitive?: unknown }).primitive instanceof Cesium3DTileset;
    if (!current || !onGround) return false;
    const player = current;
    const cell = player.cellAt(position);
    if (cell === undefined) return false;
    const el = ctx.showPanel('properties');
    el.replaceChildren(h('h3', {}, ctx.t('replay.depthAt')), h('p', { class: 'muted', id: 'probe-cell' }, `cell ${cell}`));
    void player.series(cell).then(({ depth, speed }) => {
      el.append(lineChart([{ label: ctx.t('replay.depth'), color: '#4fc3f7', points: depth }, { label: ctx.t('replay.velocity'), color: '#ffb74d', points: speed }], (s) => `${Math.round(s / 60)} min`));
    });
    return true;
  });
}
