/**
 * Inside cross-section outlines of pipes and culverts as closed rings in the section plane:
 * x across the pipe (m, positive to the right looking downstream), y up from the invert (m).
 * Rings are counter-clockwise seen from downstream, first point not repeated.
 */
import type { PipeSection } from '../../cim-model/index.ts';

export interface SectionProfile {
  /** x0, y0, x1, y1, … */
  ring: Float64Array;
  /** True for curved outlines (shared vertices, smooth normals); false for polygons with corners. */
  smooth: boolean;
  /** Overall height, m (top of the inside outline above the invert). */
  height: number;
}

export interface SectionProfileOptions {
  /** Segments of a full circle. */
  circleSegments?: number;
}

export const SECTION_PROFILE_DEFAULTS: Required<SectionProfileOptions> = { circleSegments: 16 };

function arc(out: number[], cx: number, cy: number, r: number, from: number, to: number, n: number): void {
  for (let k = 0; k < n; k++) {
    const a = from + ((to - from) * k) / n;
    out.push(cx + r * Math.cos(a), cy + r * Math.sin(a));
  }
}

export function sectionProfile(section: PipeSection, options: SectionProfileOptions = {}): SectionProfile {
  const n = options.circleSegments ?? SECTION_PROFILE_DEFAULTS.circleSegments;
  const pts: number[] = [];
  const w = section.width ?? section.diameter ?? 1;
  const h = section.height ?? section.diameter ?? 1;
  switch (section.shape) {
    case 'circular': {
      const r = section.diameter! / 2;
      arc(pts, 0, r, r, -Math.PI / 2, (3 * Math.PI) / 2, n);
      return { ring: Float64Array.from(pts), smooth: true, height: 2 * r };
    }
    case 'egg': {
      // Standard egg (ovoid): top radius w/2, invert radius w/4, height 1.5·w (BS EN 752 egg shape).
      const R = w / 2, r = w / 4, H = Math.max(h, 1.5 * w);
      arc(pts, 0, r, r, -Math.PI / 2, 0, n / 4);
      arc(pts, 0, H - R, R, 0, Math.PI, n / 2);
      arc(pts, 0, r, r, Math.PI, (3 * Math.PI) / 2, n / 4);
      return { ring: Float64Array.from(pts), smooth: true, height: H };
    }
    case 'horseshoe':
    case 'arch': {
      // Vertical walls to the springing line, then a semicircular crown of radius w/2.
      const R = w / 2, spring = Math.max(0, h - R), steps = Math.max(4, n / 2);
      pts.push(-R, 0, R, 0);
      // Without walls the crown's end points coincide with the floor corners: leave them out.
      const skip = spring > 0 ? 0 : 1;
      for (let k = skip; k <= steps - skip; k++) {
        const a = (Math.PI * k) / steps;
        pts.push(R * Math.cos(a), spring + R * Math.sin(a));
      }
      return { ring: Float64Array.from(pts), smooth: false, height: spring + R };
    }
    case 'trapezoidal': {
      // Side slopes of 1:1 unless the top width is too narrow for them.
      const bottom = Math.max(w - 2 * h, 0.3 * w);
      pts.push(-bottom / 2, 0, bottom / 2, 0, w / 2, h, -w / 2, h);
      return { ring: Float64Array.from(pts), smooth: false, height: h };
    }
    default: {
      pts.push(-w / 2, 0, w / 2, 0, w / 2, h, -w / 2, h);
      return { ring: Float64Array.from(pts), smooth: false, height: h };
    }
  }
}
