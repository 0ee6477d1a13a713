import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, sharedDataPath } from '../../data/index.ts';
import { IfcImportError } from './ifc-import-error.ts';
import { checkStepEnvelope, openIfcModel, schemaVersion } from './ifc-model.ts';
import { importIfc } from './import-ifc.ts';

const enc = (s: string) => new TextEncoder().encode(s);

describe('checkStepEnvelope', () => {
  it('reads FILE_SCHEMA and maps schema families', () => {
    const text = "ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4X3_RC3'));\nENDSEC;\nDATA;\nENDSEC;\nEND-ISO-10303-21;\n";
    expect(checkStepEnvelope(enc(text), 'a.ifc')).toBe('IFC4X3_RC3');
    expect(schemaVersion('IFC4X3_RC3', 'a.ifc')).toBe('IFC4X3');
    expect(schemaVersion('IFC2X3', 'a.ifc')).toBe('IFC2X3');
    expect(schemaVersion('IFC4', 'a.ifc')).toBe('IFC4');
    expect(() => schemaVersion('CIS2', 'a.ifc')).toThrow(/a\.ifc: open: FILE_SCHEMA 'CIS2'/);
  });

  it('rejects random bytes, a text file and an empty file, naming the file', () => {
    const random = new Uint8Array(2048);
    let s = 12345;
    for (let i = 0; i < random.length; i++) random[i] = (s = (s * 1103515245 + 12345) >>> 0) >>> 24;
    expect(() => checkStepEnvelope(random, 'noise.ifc')).toThrow(/^noise\.ifc: open: expected the STEP header 'ISO-10303-21;'/);
    expect(() => checkStepEnvelope(enc('name,x,y\nA,1,2\n'), 'table.csv')).toThrow(/table\.csv: open: .*found "name,x,y/);
    expect(() => checkStepEnvelope(new Uint8Array(0), 'empty.ifc')).toThrow(/empty\.ifc: open: .*found 0 bytes/);
  });
});

describe.skipIf(!hasSharedData())('bad IFC input through web-ifc', () => {
  const fzk = () => readFileSync(sharedDataPath('cim', 'ifc', 'AC20-FZK-Haus.ifc'));

  it('reports a truncated file (a real file cut in half) with its name', async () => {
    const bytes = fzk();
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    const err = await importIfc(cut, { file: 'cut/FZK-half.ifc' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IfcImportError);
    expect((err as IfcImportError).message).toMatch(/^cut\/FZK-half\.ifc: open: truncated: expected the trailer 'END-ISO-10303-21;'/);
  });

  it('reports a valid envelope around a corrupt DATA section', async () => {
    const text = "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('x','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n\u0001\u0002 garbage without entities\nENDSEC;\nEND-ISO-10303-21;\n";
    const err = await openIfcModel(enc(text), 'corrupt.ifc').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IfcImportError);
    expect((err as Error).message).toMatch(/^corrupt\.ifc: (open|units): /);
  });

  it('reports dangling references with the file and the attribute', async () => {
    const text = "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('x','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n" +
      "#1=IFCPROJECT('0lY6P5Ur90TAQnnnI6wtnb',$,'P',$,$,$,$,(#7),#99);\nENDSEC;\nEND-ISO-10303-21;\n";
    await expect(importIfc(enc(text), { file: 'dangling.ifc' })).rejects.toThrow(/^dangling\.ifc: units: IfcProject #1 UnitsInContext: expected an IfcUnitAssignment, found #99/);
  });

  it('reports a file without an IfcProject when units are read', async () => {
    const text = "ISO-10303-21;\nHEADER;\nFILE_DESCRIPTION((''),'2;1');\nFILE_NAME('x','',(''),(''),'','','');\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n#1=IFCCARTESIANPOINT((0.,0.,0.));\nENDSEC;\nEND-ISO-10303-21;\n";
    await expect(importIfc(enc(text), { file: 'no-project.ifc' })).rejects.toThrow(/^no-project\.ifc: units: expected one IfcProject, found none/);
  });
});
