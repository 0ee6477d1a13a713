/**
 * How each utility network looks. Colours follow the convention of CJJ 61-2017
 * (城市地下管线探测技术规程, pipeline colour codes): water blue, drainage brown, gas pink,
 * heat orange, power red, telecom green. sRGB 0–255 here; glTF wants linear, see `linearColor`.
 */
import type { PipeNetwork } from '../../cim-model/index.ts';

export const NETWORK_SRGB: Record<PipeNetwork, [number, number, number]> = {
  water: [0, 112, 255],
  storm: [150, 95, 40],
  sewer: [105, 70, 30],
  combined: [128, 82, 36],
  gas: [255, 80, 200],
  heat: [255, 150, 0],
  power: [230, 20, 20],
  telecom: [20, 180, 60],
};

/** sRGB 0–255 → linear 0–1 (IEC 61966-2-1 transfer function), as glTF baseColorFactor expects. */
export function linearColor([r, g, b]: [number, number, number], alpha = 1): [number, number, number, number] {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return [lin(r), lin(g), lin(b), alpha];
}
