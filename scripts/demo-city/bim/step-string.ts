// Encoding of STEP physical-file strings and reals (ISO 10303-21:2016 §6.4.2 "Real", §6.4.3 "String").
// IFC files are ISO 10303-21 exchange structures; buildingSMART "IFC-SPF" implementer guidance:
// https://technical.buildingsmart.org/standards/ifc/ifc-formats/ (non-ASCII text goes through \X2\ / \X4\).

const HEX = '0123456789ABCDEF';

function hex(value: number, digits: number): string {
  let out = '';
  for (let shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += HEX[(value >> shift) & 0xf];
  return out;
}

/** True for the characters a STEP string may carry literally: basic Latin 0x20–0x7E. */
function isPrintableAscii(code: number): boolean {
  return code >= 0x20 && code <= 0x7e;
}

/**
 * Encodes a JavaScript string as a STEP string literal, quotes included.
 * - `'` is doubled and `\` is doubled (§6.4.3);
 * - runs of characters in the Basic Multilingual Plane outside 0x20–0x7E become one `\X2\hhhh…\X0\` control
 *   directive (UCS-2, four upper-case hex digits per character);
 * - characters beyond the BMP (surrogate pairs) become `\X4\hhhhhhhh\X0\` (UCS-4, eight hex digits).
 * Example: `'合川'` → `'\X2\54085DDD\X0\'`.
 */
export function encodeStepString(text: string): string {
  let out = "'";
  let run = ''; // pending \X2\ or \X4\ payload
  let runKind: 'X2' | 'X4' | null = null;
  const flush = (): void => {
    if (runKind !== null) out += `\\${runKind}\\${run}\\X0\\`;
    run = '';
    runKind = null;
  };
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (isPrintableAscii(code)) {
      flush();
      out += char === "'" ? "''" : char === '\\' ? '\\\\' : char;
      continue;
    }
    const kind = code > 0xffff ? 'X4' : 'X2';
    if (runKind !== kind) flush();
    runKind = kind;
    run += hex(code, kind === 'X4' ? 8 : 4);
  }
  flush();
  return out + "'";
}

/** Significant digits kept for reals: 12 removes binary noise (0.1 + 0.2) yet keeps 0.1 mm at 10^7 m eastings. */
const REAL_SIGNIFICANT_DIGITS = 12;

/**
 * Formats a finite number as a STEP REAL (§6.4.2): it must contain a decimal point, exponent written `E`.
 * Examples: 3 → `3.`, -0 → `0.`, 0.25 → `0.25`, 1e-7 → `1.E-7`.
 */
export function formatStepReal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`STEP REAL must be finite, found ${value}`);
  // Fast path for the common short cases (integers, one or two decimals); identical output to the general path.
  if (Number.isInteger(value) && Math.abs(value) < 1e12) return `${value === 0 ? 0 : value}.`;
  const plain = String(value);
  if (plain.length <= REAL_SIGNIFICANT_DIGITS && !plain.includes('e')) return plain;
  const rounded = Number(value.toPrecision(REAL_SIGNIFICANT_DIGITS));
  const text = (rounded === 0 ? 0 : rounded).toString().toUpperCase();
  const exponentAt = text.indexOf('E');
  const mantissa = exponentAt < 0 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt < 0 ? '' : text.slice(exponentAt).replace('+', '');
  return (mantissa.includes('.') ? mantissa : `${mantissa}.`) + exponent;
}
