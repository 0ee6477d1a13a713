/**
 * Flow between a 2D surface cell and a 1D node through a manhole, an inlet or a river bank, from the
 * relative heads (surface water level η, crest z_c, node head H). Weir for shallow water over the crest,
 * orifice once the opening runs full, with the head difference once the downstream side is above the crest
 * (submerged weir / orifice):
 *
 *   hU = max(η, H) − z_c                       water above the crest on the upstream side (m)
 *   Δ  = max(η, H) − max(min(η, H), z_c)        head driving the flow (m)
 *   Q  = min(C_w · P · hU · √(2gΔ),  C_o · A · √(2gΔ))      (m³/s; sign: from the higher side)
 *
 * With a free (lower side below the crest) exchange Δ = hU and these are the free weir C_w P hU^{3/2} √(2g)
 * and the orifice C_o A √(2g hU) of Chen, Djordjević, Leandro & Savić (2007, Proc. NOVATECH) and Leandro,
 * Chen, Djordjević & Savić (2009, J. Hydraul. Eng. 135(6):495); taking the lesser of the two keeps Q
 * continuous where they meet (hU = C_o A / (C_w P)) and where the lower side crosses the crest.
 * The calibrated coefficients of Rubinato et al. (2017, J. Hydrol. 552:421) are of the same form.
 * A river bank is a lateral weir of length P with no orifice limit (A = ∞).
 */

export interface ExchangeCoefficients {
  /** Weir discharge coefficient C_w (dimensionless, with the √(2g) form). */
  weir: number;
  /** Orifice discharge coefficient C_o. */
  orifice: number;
}

export const EXCHANGE_DEFAULTS: ExchangeCoefficients & { g: number } = {
  /** Broad-crested weir, 0.54 ≈ Rubinato et al. (2017) free-weir value. */
  weir: 0.54,
  /** Sharp-edged orifice. */
  orifice: 0.6,
  g: 9.81,
};

/**
 * Exchange flow (m³/s), positive from the surface into the node. `eta` surface water level, `head` node
 * head, `crest` the opening's crest (all m, same datum); `perimeter` weir length (m); `area` orifice area (m²,
 * Infinity for a bank weir).
 */
export function exchangeFlow(
  eta: number, head: number, crest: number, perimeter: number, area: number, c: ExchangeCoefficients, g = EXCHANGE_DEFAULTS.g,
): number {
  const up = eta > head ? eta : head;
  const down = eta > head ? head : eta;
  const hU = up - crest;
  if (!(hU > 0)) return 0;
  const delta = up - (down > crest ? down : crest);
  if (!(delta > 0)) return 0;
  const v = Math.sqrt(2 * g * delta);
  const weir = c.weir * perimeter * hU * v;
  const orifice = c.orifice * area * v;
  const q = weir < orifice ? weir : orifice;
  return eta > head ? q : -q;
}
