/**
 * A model with one [OPTIONS] entry set (replaced where the file has it, else appended), e.g.
 * `withOption(model, 'SURCHARGE_METHOD', 'SLOT')`; `writeInp` writes it like the file's own options.
 */
import type { InpModel } from './inp-model.ts';

/** Copy of `model` whose option `key` (upper case, as parsed) has `value`; the model itself is unchanged. */
export function withOption(model: InpModel, key: string, value: string): InpModel {
  const k = key.toUpperCase();
  const found = model.options.some((o) => o.key === k);
  const options = found
    ? model.options.map((o) => (o.key === k ? { ...o, value } : o))
    : [...model.options, { line: 0, key: k, value }];
  const order = model.order.includes('OPTIONS') ? model.order : ['OPTIONS', ...model.order];
  return { ...model, options, order };
}
