/**
 * Texture formats of written glb: JPEG and PNG pass through; WebP (EXT_texture_webp) is encoded
 * with sharp when it is installed (an optional dependency, loaded on first use); KTX2
 * (KHR_texture_basisu) input passes through, but there is no KTX2 encoder here.
 */
import type { ImageSpec } from '../core/index.ts';
import { Tiles3dError } from './tiles3d-error.ts';

export type TextureFormat = 'keep' | 'webp' | 'ktx2';

export interface TextureEncodingOptions {
  /** WebP quality 1–100. */
  webpQuality?: number;
}

export const TEXTURE_ENCODING_DEFAULTS: Required<TextureEncodingOptions> = { webpQuality: 85 };

interface SharpLike {
  (input: Uint8Array): { webp(options: { quality: number }): { toBuffer(): Promise<Uint8Array> } };
}

let sharpModule: Promise<SharpLike | undefined> | undefined;

async function loadSharp(): Promise<SharpLike | undefined> {
  sharpModule ??= import('sharp' as string).then((m: { default: SharpLike }) => m.default).catch(() => undefined);
  return sharpModule;
}

/** Throws when `format` cannot be produced on this machine. */
export async function checkTextureFormat(format: TextureFormat): Promise<void> {
  if (format === 'ktx2') {
    throw new Tiles3dError({ where: 'options.textureFormat', expected: "'keep' or 'webp' (no KTX2/Basis encoder is installed)", found: "'ktx2'" });
  }
  if (format === 'webp' && !(await loadSharp())) {
    throw new Tiles3dError({ where: 'options.textureFormat', expected: "'keep' ('webp' needs the optional package sharp)", found: "'webp'" });
  }
}

const cache = new WeakMap<Uint8Array, Promise<ImageSpec>>();

/** The image in `format`; the same input bytes are converted once. */
export function encodeTexture(image: ImageSpec, format: TextureFormat, options: TextureEncodingOptions = {}): Promise<ImageSpec> {
  if (format !== 'webp' || image.mimeType === 'image/webp' || image.mimeType === 'image/ktx2') return Promise.resolve(image);
  const cached = cache.get(image.data);
  if (cached) return cached;
  const { webpQuality } = { ...TEXTURE_ENCODING_DEFAULTS, ...options };
  const converted = loadSharp().then(async (sharp) => {
    if (!sharp) throw new Tiles3dError({ where: image.name ?? 'texture', expected: 'sharp for WebP encoding', found: 'not installed' });
    const data = new Uint8Array(await sharp(image.data).webp({ quality: webpQuality }).toBuffer());
    return { ...image, mimeType: 'image/webp' as const, data };
  });
  cache.set(image.data, converted);
  return converted;
}
