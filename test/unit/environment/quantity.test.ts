import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  divideRoundingUp,
  parseQuantity,
  quantityMilliValue,
  quantityValue,
  type ExactQuantity,
} from '../../../src-main/kubelet/environment/quantity';

function q(value: string | number): ExactQuantity {
  const parsed = parseQuantity(value);
  assert.ok(parsed, `${value} should parse`);
  return parsed;
}

test('decimal SI, binary SI and exponents give exact byte counts', () => {
  assert.equal(quantityValue(q('1Gi')), 1073741824n);
  assert.equal(quantityValue(q('500Mi')), 524288000n);
  assert.equal(quantityValue(q('1M')), 1000000n);
  assert.equal(quantityValue(q('2k')), 2000n);
  assert.equal(quantityValue(q('1e3')), 1000n);
  assert.equal(quantityValue(q('1E3')), 1000n);
  assert.equal(quantityValue(q('128974848')), 128974848n);
  assert.equal(quantityValue(q('129e6')), 129000000n);
  assert.equal(quantityValue(q('123Mi')), 128974848n);
  assert.equal(quantityValue(q('1.5Gi')), 1610612736n);
  assert.equal(quantityValue(q('8Ei')), 2n ** 63n);
});

test('cpu quantities give exact millicores', () => {
  assert.equal(quantityMilliValue(q('100m')), 100n);
  assert.equal(quantityMilliValue(q('0.5')), 500n);
  assert.equal(quantityMilliValue(q('.25')), 250n);
  assert.equal(quantityMilliValue(q('2')), 2000n);
  assert.equal(quantityMilliValue(q(1.5)), 1500n);
  assert.equal(quantityMilliValue(q('1e-3')), 1n);
});

test('Value and MilliValue round up, like resource.Quantity', () => {
  assert.equal(quantityValue(q('100m')), 1n);
  assert.equal(quantityValue(q('1.2')), 2n);
  assert.equal(quantityMilliValue(q('1u')), 1n);
  assert.equal(quantityMilliValue(q('1500u')), 2n);
  assert.equal(quantityValue(q('0')), 0n);
});

test('malformed quantities are refused', () => {
  for (const bad of ['', 'abc', '1Gb', '1 Gi', '1.2.3', 'Mi', '1ki', '--1', '1e', Number.NaN]) {
    assert.equal(parseQuantity(bad), null, String(bad));
  }
});

test('divideRoundingUp: ceiling, zero for non-positive, saturates at int64', () => {
  assert.equal(divideRoundingUp(q('1Gi'), q('1Mi')), 1024n);
  assert.equal(divideRoundingUp(q('1G'), q('1Mi')), 954n); // 953.67… rounds up
  assert.equal(divideRoundingUp(q('250m'), q('1')), 1n);
  assert.equal(divideRoundingUp(q('250m'), q('1m')), 250n);
  assert.equal(divideRoundingUp(q('0'), q('1')), 0n);
  assert.equal(divideRoundingUp(q('-1'), q('1')), 0n);
  assert.equal(divideRoundingUp(q('1e30'), q('1')), 2n ** 63n - 1n);
});
