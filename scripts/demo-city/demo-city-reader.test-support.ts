/**
 * Independent readers for the demo-city tests: a small SWMM .inp section parser (whitespace-separated columns,
 * ';' comments) and GeoTIFF loading through the `geotiff` package. Nothing here imports the generator's writers.
 */
import { readFile } from 'node:fs/promises';
import { fromArrayBuffer, type GeoTIFFImage } from 'geotiff';

export type InpSections = Map<string, string[][]>;

/** Sections of a SWMM 5 .inp file: upper-cased name → rows of tokens (comments and blank lines dropped). */
export function parseInp(text: string): InpSections {
  const sections: InpSections = new Map();
  let current: string[][] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/;.*$/, '').trim();
    if (!line) continue;
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header) {
      current = [];
      sections.set(header[1].toUpperCase(), current);
      continue;
    }
    current?.push(line.split(/\s+/));
  }
  return sections;
}

export async function readGeoTiff(file: string): Promise<{ image: GeoTIFFImage; bands: ArrayLike<number>[] }> {
  const bytes = await readFile(file);
  const tiff = await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const image = await tiff.getImage();
  const bands = (await image.readRasters()) as unknown as ArrayLike<number>[];
  return { image, bands };
}

/** Esri ASCII grid: header values and the cell values, row 0 north. */
export async function readAsciiGrid(file: string): Promise<{ header: Record<string, number>; values: Float64Array }> {
  const text = await readFile(file, 'utf8');
  const lines = text.split('\n');
  const header: Record<string, number> = {};
  for (const line of lines.slice(0, 6)) {
    const [k, v] = line.trim().split(/\s+/);
    header[k.toLowerCase()] = Number(v);
  }
  const values = new Float64Array(header.ncols * header.nrows);
  let k = 0;
  for (const line of lines.slice(6)) {
    if (!line.trim()) continue;
    for (const token of line.trim().split(/\s+/)) values[k++] = Number(token);
  }
  if (k !== values.length) throw new Error(`ascii grid: ${k} values, expected ${values.length}`);
  return { header, values };
}
