import { describe, expect, it } from 'vitest';
import { DERIVED, StepFile, enumValue, formatStepValue, integer, typed } from './step-file.ts';

describe('formatStepValue', () => {
  it('writes each kind of parameter', () => {
    expect(formatStepValue(null)).toBe('$');
    expect(formatStepValue(DERIVED)).toBe('*');
    expect(formatStepValue(true)).toBe('.T.');
    expect(formatStepValue(enumValue('ELEMENT'))).toBe('.ELEMENT.');
    expect(formatStepValue(integer(3))).toBe('3');
    expect(formatStepValue(3)).toBe('3.');
    expect(formatStepValue(typed('IFCLABEL', '楼'))).toBe("IFCLABEL('\\X2\\697C\\X0\\')");
    expect(formatStepValue([[0, 1.5], []])).toBe('((0.,1.5),())');
  });
});

describe('StepFile', () => {
  it('numbers instances in order, reuses identical shared ones and counts by type', () => {
    const file = new StepFile();
    const a = file.shared('IFCCARTESIANPOINT', [[0, 0, 0]]);
    const b = file.shared('IFCCARTESIANPOINT', [[0, 0, 0]]);
    const placement = file.add('IFCAXIS2PLACEMENT3D', [a, null, null]);
    expect(b).toBe(a);
    expect(placement.id).toBe(2);
    expect(file.count('IFCCARTESIANPOINT')).toBe(1);
    expect(file.size).toBe(2);
    const text = file.serialize({
      description: ['ViewDefinition [DesignTransferView_V1.0]'],
      name: 'a.ifc',
      timeStamp: '2026-01-01T00:00:00',
      author: ['x'],
      organization: ['y'],
      preprocessorVersion: 'p',
      originatingSystem: 'o',
      authorization: 'z',
      schema: ['IFC4'],
    });
    expect(text.split('\n').slice(-6)).toEqual([
      'DATA;',
      '#1=IFCCARTESIANPOINT((0.,0.,0.));',
      '#2=IFCAXIS2PLACEMENT3D(#1,$,$);',
      'ENDSEC;',
      'END-ISO-10303-21;',
      '',
    ]);
    expect(text).toContain("FILE_NAME('a.ifc','2026-01-01T00:00:00',('x'),('y'),'p','o','z');");
  });
});
