/**
 * metadata.xml of a ContextCapture (Bentley iTwin Capture) 3MX/OSGB production: the SRS and the
 * origin that every tile's vertex coordinates are relative to.
 */
export function metadataXml(srs: string, origin: readonly [number, number, number]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<ModelMetadata version="1">',
    `\t<SRS>${esc(srs)}</SRS>`,
    `\t<SRSOrigin>${origin.map((v) => String(v)).join(',')}</SRSOrigin>`,
    '\t<Texture>',
    '\t\t<ColorSource>Visible</ColorSource>',
    '\t</Texture>',
    '</ModelMetadata>',
    '',
  ].join('\n');
}
