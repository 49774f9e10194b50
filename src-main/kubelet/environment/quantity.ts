// Kubernetes resource quantities (`100m`, `0.5`, `1Gi`, `500Mi`, `1e3`, `2k`, `128974848`) as
// exact rationals, so that the downward API can round the way the kubelet does without
// floating-point error. Grammar as apimachinery's `resource.ParseQuantity`:
//   <sign><digits>[.<digits>]<suffix>, suffix one of the binary SI (Ki … Ei), the decimal SI
//   (n, u, m, "", k, M, G, T, P, E) or a decimal exponent (e3, E-2).
import type { Quantity } from '../../model';

/** `numerator / denominator`, the denominator always positive. */
export interface ExactQuantity {
  numerator: bigint;
  denominator: bigint;
}

const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)((?:[KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/;

const DECIMAL_EXPONENT: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_EXPONENT: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** The quantity's exact value, or null when it is not a quantity. */
export function parseQuantity(value: Quantity): ExactQuantity | null {
  const text = typeof value === 'number' ? numberToDecimal(value) : value.trim();
  if (text === null) return null;
  const match = QUANTITY.exec(text);
  if (!match) return null;
  const [, sign = '', number = '', suffix = ''] = match;
  const [whole = '', fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  if (sign === '-') numerator = -numerator;

  let decimalExponent = 0;
  if (suffix in BINARY_EXPONENT) numerator *= 2n ** BigInt(BINARY_EXPONENT[suffix] ?? 0);
  else if (suffix in DECIMAL_EXPONENT) decimalExponent = DECIMAL_EXPONENT[suffix] ?? 0;
  else if (suffix !== '') decimalExponent = Number(suffix.slice(1));
  // Go caps exponents far below this; refuse absurd ones instead of building huge numbers.
  if (!Number.isSafeInteger(decimalExponent) || Math.abs(decimalExponent) > 1000) return null;
  if (decimalExponent >= 0) numerator *= 10n ** BigInt(decimalExponent);
  else denominator *= 10n ** BigInt(-decimalExponent);
  return { numerator, denominator };
}

/** A YAML number such as `0.5` or `2`, written out without exponent notation where possible. */
function numberToDecimal(value: number): string | null {
  if (!Number.isFinite(value)) return null;
  return String(value); // `1e+21` style output still parses: the grammar accepts exponents
}

/** ⌈a / b⌉ for b > 0 (BigInt division truncates toward zero). */
function ceilDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a > 0n ? quotient + 1n : quotient;
}

/** `Quantity.Value()`: the value rounded up to a whole unit (bytes, cores, …). */
export function quantityValue(q: ExactQuantity): bigint {
  return ceilDiv(q.numerator, q.denominator);
}

/** `Quantity.MilliValue()`: the value in thousandths, rounded up (millicores for cpu). */
export function quantityMilliValue(q: ExactQuantity): bigint {
  return ceilDiv(q.numerator * 1000n, q.denominator);
}

export function isZero(q: ExactQuantity): boolean {
  return q.numerator === 0n;
}

const MAX_INT64 = 2n ** 63n - 1n;

/**
 * ⌈quantity / divisor⌉ as the downward API reports it (`convertQuantityToString` in
 * pkg/api/v1/resource/helpers.go): a non-positive quantity or divisor gives 0, a positive
 * quantity is at least 1, and the result saturates at the int64 maximum.
 */
export function divideRoundingUp(quantity: ExactQuantity, divisor: ExactQuantity): bigint {
  if (quantity.numerator <= 0n || divisor.numerator <= 0n) return 0n;
  const result = ceilDiv(quantity.numerator * divisor.denominator, quantity.denominator * divisor.numerator);
  return result > MAX_INT64 ? MAX_INT64 : result;
}
