/** Colour conversions for glTF materials: glTF base colours are linear, design palettes are sRGB. */

/** IEC 61966-2-1 sRGB transfer function inverse, one channel 0–1 → linear 0–1. */
export function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** sRGB 0–255 → linear 0–1 RGBA, as glTF baseColorFactor expects. */
export function linearColor([r, g, b]: readonly [number, number, number], alpha = 1): [number, number, number, number] {
  return [srgbToLinear(r / 255), srgbToLinear(g / 255), srgbToLinear(b / 255), alpha];
}
