/**
 * Live sensors drawn with one PointPrimitiveCollection (no entity per sensor), coloured by alarm
 * level; value labels only for the sensors nearest the camera (at most `maxLabels` within
 * `labelDistance`, chosen again when the camera stops), since a label's text costs far more to
 * set than a point's colour. Each tick touches only the sensors whose reading changed.
 */
import { Cartesian2, Cartesian3, Cartographic, Color, DistanceDisplayCondition, LabelCollection, LabelStyle, PointPrimitiveCollection, sampleTerrainMostDetailed, VerticalOrigin, type Label, type PointPrimitive, type Viewer } from 'cesium';
import type { SensorStore } from '../sensors/sensor-store.ts';

export const LEVEL_COLORS = [Color.fromCssColorString('#35c46a'), Color.fromCssColorString('#f5c518'), Color.fromCssColorString('#ff7a1a'), Color.fromCssColorString('#e0245e')];

export interface SensorPick {
  sensorSlot: number;
}

export class SensorLayer {
  readonly points: PointPrimitiveCollection;
  readonly labels: LabelCollection;
  private readonly pointOf: PointPrimitive[] = [];
  /** Per sensor: its label while it is among the nearest, else undefined. */
  private readonly labelOf: Array<Label | undefined>;
  private readonly removeCameraListener: () => void;
  /** The level each point is coloured by, so an unchanged level costs nothing. */
  private readonly shownLevel: Uint8Array;

  constructor(private readonly viewer: Viewer, readonly store: SensorStore, private readonly labelDistance = 1500, private readonly maxLabels = 200) {
    this.points = viewer.scene.primitives.add(new PointPrimitiveCollection());
    this.labels = viewer.scene.primitives.add(new LabelCollection());
    this.labelOf = new Array<Label | undefined>(store.info.length);
    this.shownLevel = new Uint8Array(store.info.length);
    store.info.forEach((s, k) => {
      const position = Cartesian3.fromDegrees(s.lon, s.lat, s.height ?? 0);
      this.pointOf.push(this.points.add({ position, pixelSize: 9, color: LEVEL_COLORS[0], outlineColor: Color.BLACK, outlineWidth: 1, disableDepthTestDistance: Number.POSITIVE_INFINITY, id: { sensorSlot: k } satisfies SensorPick }));
    });
    this.removeCameraListener = viewer.camera.moveEnd.addEventListener(() => this.chooseLabels());
    this.chooseLabels();
  }

  /** Labels the sensors nearest the camera. */
  chooseLabels(): void {
    const eye = this.viewer.camera.positionWC;
    const near: Array<[number, number]> = [];
    for (let k = 0; k < this.pointOf.length; k++) {
      const d = Cartesian3.distance(eye, this.pointOf[k].position);
      if (d <= this.labelDistance) near.push([d, k]);
    }
    near.sort((a, b) => a[0] - b[0]);
    this.labels.removeAll();
    this.labelOf.fill(undefined);
    for (const [, k] of near.slice(0, this.maxLabels)) {
      this.labelOf[k] = this.labels.add({
        position: this.pointOf[k].position, text: this.labelText(k), font: '11px sans-serif', style: LabelStyle.FILL_AND_OUTLINE, outlineWidth: 2,
        fillColor: Color.WHITE, outlineColor: Color.BLACK, verticalOrigin: VerticalOrigin.BOTTOM, pixelOffset: new Cartesian2(0, -8),
        distanceDisplayCondition: new DistanceDisplayCondition(0, this.labelDistance), disableDepthTestDistance: Number.POSITIVE_INFINITY,
      });
    }
    this.viewer.scene.requestRender();
  }

  private labelText(k: number): string {
    const v = this.store.value[k];
    return Number.isNaN(v) ? '' : `${v.toFixed(2)} ${this.store.info[k].unit}`;
  }

  /** Applies the readings changed since the last call; returns how many sensors changed. */
  tick(): number {
    const { store } = this;
    const n = store.takeDirty((k) => {
      if (this.shownLevel[k] !== store.level[k]) {
        this.shownLevel[k] = store.level[k];
        this.pointOf[k].color = LEVEL_COLORS[store.level[k]];
      }
      const label = this.labelOf[k];
      if (label) label.text = this.labelText(k);
    });
    if (n) this.viewer.scene.requestRender();
    return n;
  }

  set show(v: boolean) {
    this.points.show = v;
    this.labels.show = v;
  }

  destroy(): void {
    this.removeCameraListener();
    this.viewer.scene.primitives.remove(this.points);
    this.viewer.scene.primitives.remove(this.labels);
  }

  /**
   * Places the sensors whose Location has no height (SensorThings points are often lon/lat only) on the
   * terrain, `above` metres over it (ellipsoidal heights, from the terrain provider's finest tiles).
   */
  async placeOnTerrain(above = 2): Promise<void> {
    const slots = this.store.info.flatMap((s, k) => (s.height === undefined ? [k] : []));
    if (slots.length === 0 || !this.viewer.terrainProvider.availability) return;
    const points = slots.map((k) => Cartographic.fromDegrees(this.store.info[k].lon, this.store.info[k].lat));
    await sampleTerrainMostDetailed(this.viewer.terrainProvider, points);
    slots.forEach((k, i) => {
      const s = this.store.info[k];
      this.pointOf[k].position = Cartesian3.fromDegrees(s.lon, s.lat, (points[i].height ?? 0) + above);
    });
    this.chooseLabels();
  }

  position(k: number): Cartesian3 {
    return this.pointOf[k].position;
  }
}
