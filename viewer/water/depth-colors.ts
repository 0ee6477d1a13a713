/**
 * Water depth → colour, the legend's classes: 0.05–0.15–0.3–0.5–1–2 m (below 0.05 m: dry, not
 * drawn). Colours from light to dark blue, then purple for the deepest; alpha rises with depth.
 * Hazard (HR = d·(v + 0.5) + DF, EA/Defra FD2320) uses its own classes.
 */
export const DEPTH_BREAKS = [0.05, 0.15, 0.3, 0.5, 1, 2] as const;

/** RGBA (0–255) for depth class k: [breaks[k], breaks[k + 1]); the last class is ≥ 2 m. */
export const DEPTH_COLORS: ReadonlyArray<readonly [number, number, number, number]> = [
  [198, 232, 255, 150],
  [140, 200, 250, 170],
  [70, 150, 230, 190],
  [30, 100, 200, 205],
  [20, 50, 160, 220],
  [90, 30, 140, 230],
];

export const HAZARD_BREAKS = [0.75, 1.25, 2] as const;
export const HAZARD_COLORS: ReadonlyArray<readonly [number, number, number, number]> = [
  [255, 230, 90, 170],
  [255, 150, 40, 190],
  [230, 50, 30, 210],
  [120, 0, 60, 225],
];

/** Index of the class of `value` among ascending `breaks`, or -1 below the first break. */
export function classOf(value: number, breaks: readonly number[]): number {
  if (!(value >= breaks[0])) return -1;
  let k = 0;
  while (k + 1 < breaks.length && value >= breaks[k + 1]) k++;
  return k;
}

/** Legend entries: label and CSS colour per class. */
export function legendEntries(breaks: readonly number[], colors: typeof DEPTH_COLORS): Array<{ label: string; css: string }> {
  return breaks.map((b, k) => {
    const [r, g, bl, a] = colors[k];
    const next = breaks[k + 1];
    return { label: next === undefined ? `≥ ${b}` : `${b}–${next}`, css: `rgba(${r},${g},${bl},${(a / 255).toFixed(2)})` };
  });
}
