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

export { linearColor } from '../core/index.ts';
