/**
 * Test support: a small ContextCapture-like tile built in code — a PagedLOD whose inline child is
 * a textured grid (DrawElementsUShort) and an untextured strip (DrawArrays TRIANGLE_STRIP) — and
 * a JPEG for it encoded with jpeg-js.
 */
import jpeg from 'jpeg-js';
import type { OsgbGeometry, OsgbImage, OsgbPagedLod, OsgbScene } from './osgb-types.ts';

export function makeJpeg(width: number, height: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = (i * 7) & 255; rgba[i * 4 + 1] = (i >> 3) & 255; rgba[i * 4 + 2] = 128; rgba[i * 4 + 3] = 255;
  }
  return new Uint8Array(jpeg.encode({ data: rgba, width, height }, 80).data);
}

export function makeSampleScene(n = 6): OsgbScene {
  const nv = n * n;
  const positions = new Float32Array(nv * 3);
  const normals = new Float32Array(nv * 3);
  const texcoords = new Float32Array(nv * 2);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const v = i + j * n;
      positions.set([i * 2.5 - 100, j * 2.5 + 50, Math.sin(i + j) + 430], v * 3);
      normals.set([0, 0, 1], v * 3);
      texcoords.set([i / (n - 1), j / (n - 1)], v * 2);
    }
  }
  const indices = new Uint16Array((n - 1) * (n - 1) * 6);
  let k = 0;
  for (let j = 0; j < n - 1; j++) {
    for (let i = 0; i < n - 1; i++) {
      const a = i + j * n;
      indices.set([a, a + 1, a + n + 1, a, a + n + 1, a + n], k);
      k += 6;
    }
  }
  const image: OsgbImage = { name: '', fileName: 'Tile_+000_+000_0.jpg', mimeType: 'image/jpeg', storage: 'inline-file', data: makeJpeg(32, 16), width: 32, height: 16 };
  const grid: OsgbGeometry = {
    kind: 'Geometry', className: 'osg::Geometry', name: 'ground', children: [], positions, normals, texcoords,
    primitives: [{ mode: 'TRIANGLES', indices }],
    stateSet: {
      modes: [], attributeClasses: [], textures: [{ unit: 0, className: 'osg::Texture2D', image }],
      material: { colorMode: 0x1603, ambient: [1, 1, 1, 1], diffuse: [1, 1, 1, 1], specular: [0, 0, 0, 1], emission: [0, 0, 0, 1], shininess: 0 },
    },
  };
  const strip: OsgbGeometry = {
    kind: 'Geometry', className: 'osg::Geometry', name: '', children: [],
    positions: new Float32Array([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 2, 0, 1, 2, 0]),
    primitives: [{ mode: 'TRIANGLE_STRIP', first: 0, count: 6 }],
  };
  const root: OsgbPagedLod = {
    kind: 'PagedLOD', className: 'osg::PagedLOD', name: '', centerMode: 'USER_DEFINED_CENTER', center: [-93.5, 56.25, 430.5], radius: 12.5,
    rangeMode: 'PIXEL_SIZE_ON_SCREEN', ranges: [[0, 25], [25, 1e30]], fileNames: ['', 'Tile_+000_+000_L16_0.osgb'], databasePath: '',
    children: [{ kind: 'Geode', className: 'osg::Geode', name: '', children: [grid, strip] }],
  };
  return { version: 161, compressor: '0', attributes: 4, root };
}
