import { describe, expect, it } from 'vitest';
import { EnuFrame } from '../../cim-model/index.ts';
import { buildGlb } from './build-glb.ts';
import { encodePng } from './png.test-support.ts';
import { CENTRE } from './synthetic-city.test-support.ts';
import { checkTextureFormat } from './texture-encoding.ts';
import { validateGlb } from './validate-glb.ts';

const sharpAvailable = await import('sharp' as string).then(() => true, () => false);

const quad = () => {
  const frame = new EnuFrame(CENTRE.lon, CENTRE.lat, CENTRE.h);
  const positions = new Float64Array(12);
  [[0, 0], [10, 0], [0, 10], [10, 10]].forEach(([e, n], i) => frame.toEcef(e, n, 0, positions.subarray(3 * i, 3 * i + 3)));
  return {
    frame,
    mesh: {
      positions, indices: Uint32Array.of(0, 1, 2, 1, 3, 2), texcoords: Float32Array.of(0, 1, 1, 1, 0, 0, 1, 0),
      material: { baseColor: [1, 1, 1, 1] as [number, number, number, number], unlit: true, texture: { mimeType: 'image/png' as const, data: encodePng(8, 8) } },
    },
  };
};

describe('texture formats', () => {
  it('refuses KTX2 output (no encoder installed)', async () => {
    await expect(checkTextureFormat('ktx2')).rejects.toThrow(/KTX2/);
  });

  it('passes PNG through unchanged', async () => {
    const { frame, mesh } = quad();
    const glb = await buildGlb({ meshes: [mesh], features: [], frame });
    const text = new TextDecoder().decode(glb.bytes);
    expect(text).toContain('"mimeType":"image/png"');
  });

  it.skipIf(!sharpAvailable)('encodes WebP with EXT_texture_webp when sharp is installed', async () => {
    const { frame, mesh } = quad();
    const glb = await buildGlb({ meshes: [mesh], features: [], frame }, { textureFormat: 'webp' });
    const report = await validateGlb(glb.bytes);
    expect(report.issues.filter((i) => i.severity <= 1)).toEqual([]);
    const text = new TextDecoder().decode(glb.bytes.subarray(0, 2000));
    expect(text).toContain('"image/webp"');
    expect(text).toContain('"extensionsRequired":["EXT_texture_webp"]');
  });
});
