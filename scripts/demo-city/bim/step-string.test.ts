import { describe, expect, it } from 'vitest';
import { encodeStepString, formatStepReal } from './step-string.ts';

describe('encodeStepString', () => {
  it('passes plain ASCII through, quoted', () => {
    expect(encodeStepString('Wall 1 (exterior)')).toBe("'Wall 1 (exterior)'");
    expect(encodeStepString('')).toBe("''");
  });

  it('doubles apostrophes and backslashes', () => {
    expect(encodeStepString("O'Neil")).toBe("'O''Neil'");
    expect(encodeStepString('C:\\bim\\x')).toBe("'C:\\\\bim\\\\x'");
  });

  it('encodes Chinese as one \\X2\\ run per stretch of non-ASCII', () => {
    // 合 U+5408, 川 U+5DDD, 滨 U+6EE8, 江 U+6C5F
    expect(encodeStepString('合川滨江')).toBe("'\\X2\\54085DDD6EE86C5F\\X0\\'");
    expect(encodeStepString('BIM 合川 A')).toBe("'BIM \\X2\\54085DDD\\X0\\ A'");
  });

  it('encodes control characters and Latin-1 through \\X2\\', () => {
    expect(encodeStepString('a\nb')).toBe("'a\\X2\\000A\\X0\\b'");
    expect(encodeStepString('Krüger')).toBe("'Kr\\X2\\00FC\\X0\\ger'");
  });

  it('encodes characters beyond the BMP through \\X4\\', () => {
    // 𠀀 U+20000 (CJK Extension B) between BMP ideographs
    expect(encodeStepString('合𠀀川')).toBe("'\\X2\\5408\\X0\\\\X4\\00020000\\X0\\\\X2\\5DDD\\X0\\'");
  });
});

describe('formatStepReal', () => {
  it('always carries a decimal point', () => {
    expect(formatStepReal(3)).toBe('3.');
    expect(formatStepReal(-12)).toBe('-12.');
    expect(formatStepReal(0.25)).toBe('0.25');
    expect(formatStepReal(-0)).toBe('0.');
  });

  it('removes binary noise but keeps map coordinates to 0.1 mm', () => {
    expect(formatStepReal(0.1 + 0.2)).toBe('0.3');
    expect(formatStepReal(3_329_876.54321)).toBe('3329876.54321');
  });

  it('writes exponents as E with a mantissa point', () => {
    expect(formatStepReal(1e-7)).toBe('1.E-7');
    expect(formatStepReal(2.5e21)).toBe('2.5E21');
  });

  it('rejects non-finite numbers', () => {
    expect(() => formatStepReal(Number.NaN)).toThrow(RangeError);
  });
});
