// Kubernetes resource quantities: `100m`, `1Gi`, `0.5`, `1e3`, `128974848`.

const QUANTITY = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[numkMGTPE]|[KMGTPE]i|[eE][+-]?\d+)?$/;

const SUFFIX: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

export const QUANTITY_HELP =
  'expected a number with an optional suffix (n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei) or exponent, e.g. 100m, 1Gi, 0.5, 1e3';

export function isQuantity(value: string | number): boolean {
  return typeof value === 'number' ? Number.isFinite(value) : QUANTITY.test(value);
}

/** The quantity's value as a float (precise enough to compare), or null when malformed. */
export function quantityValue(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (!QUANTITY.test(value)) return null;
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(.*)$/.exec(value);
  if (!match) return null;
  const [, number = '', suffix = ''] = match;
  const base = Number(number);
  if (suffix === '') return base;
  if (suffix.startsWith('e') || suffix.startsWith('E')) return base * 10 ** Number(suffix.slice(1));
  const factor = SUFFIX[suffix];
  return factor === undefined ? null : base * factor;
}
