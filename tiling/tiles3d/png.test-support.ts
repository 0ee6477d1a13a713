/** A small RGBA PNG for texture tests. */
import { PNG } from 'pngjs';

export function encodePng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([(i * 40) % 256, 128, 200, 255], 4 * i);
  return new Uint8Array(PNG.sync.write(png));
}
