import { describe, expect, it } from 'vitest';
import { compressGuid, ifcGuidFromName, isIfcGuid } from './ifc-guid.ts';

function bytesFromHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

describe('compressGuid', () => {
  it('maps the extremes of the 128-bit range', () => {
    expect(compressGuid(new Uint8Array(16))).toBe('0000000000000000000000');
    expect(compressGuid(new Uint8Array(16).fill(255))).toBe('3$$$$$$$$$$$$$$$$$$$$$');
  });

  it('equals the 128-bit number written in base 64 (computed independently with BigInt)', () => {
    const bytes = bytesFromHex('0a4aa2fcec314b44a8a21fcb5a2a4f2d');
    const big = BigInt('0x0a4aa2fcec314b44a8a21fcb5a2a4f2d');
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_$';
    let expected = '';
    for (let i = 21; i >= 0; i--) expected += alphabet[Number((big >> BigInt(6 * i)) & 63n)];
    expect(compressGuid(bytes)).toBe(expected);
  });
});

describe('ifcGuidFromName', () => {
  it('is deterministic, valid and distinct per name', () => {
    const a = ifcGuidFromName('BIM-2026-001/building');
    expect(ifcGuidFromName('BIM-2026-001/building')).toBe(a);
    expect(isIfcGuid(a)).toBe(true);
    const many = new Set(Array.from({ length: 2000 }, (_, i) => ifcGuidFromName(`p/${i}`)));
    expect(many.size).toBe(2000);
    for (const guid of many) expect(isIfcGuid(guid)).toBe(true);
  });
});

describe('isIfcGuid', () => {
  it('rejects wrong length, alphabet or leading digit', () => {
    expect(isIfcGuid('0000000000000000000000')).toBe(true);
    expect(isIfcGuid('000000000000000000000')).toBe(false);
    expect(isIfcGuid('4000000000000000000000')).toBe(false);
    expect(isIfcGuid('00000000000000000000-0')).toBe(false);
  });
});
