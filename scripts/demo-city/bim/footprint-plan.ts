// Footprint shapes → outline polygon and the rectangular zones that tile it (local x, y in metres).
import type { Footprint } from './bim-project-spec.ts';
import type { Point2, Rect } from './plan-geometry.ts';
import { rectCorners } from './plan-geometry.ts';

export interface FootprintPlan {
  /** Counter-clockwise outline of the outer wall faces, starting at the front-left corner (min x, min y). */
  outline: Point2[];
  /** Rectangles that tile the outline exactly; each is subdivided into rooms. */
  zones: Rect[];
}

/** Outline and zones of a footprint whose bounding box is centred on (cx, cy). */
export function footprintPlan(footprint: Footprint, cx: number, cy: number): FootprintPlan {
  const x0 = cx - footprint.width / 2;
  const y0 = cy - footprint.depth / 2;
  const x1 = x0 + footprint.width;
  const y1 = y0 + footprint.depth;
  switch (footprint.kind) {
    case 'rectangle': {
      const zone = { x0, y0, x1, y1 };
      return { outline: rectCorners(zone), zones: [zone] };
    }
    case 'l-shape': {
      const yb = y0 + footprint.barDepth;
      const xw = x0 + footprint.wingWidth;
      return {
        outline: [
          [x0, y0],
          [x1, y0],
          [x1, yb],
          [xw, yb],
          [xw, y1],
          [x0, y1],
        ],
        zones: [
          { x0, y0, x1, y1: yb },
          { x0, y0: yb, x1: xw, y1 },
        ],
      };
    }
  }
}
