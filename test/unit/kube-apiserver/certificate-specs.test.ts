import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  caSpec,
  clientSpec,
  planIssuance,
  servingSpec,
  SERVING_DNS_NAMES,
  SERVING_IP_ADDRESSES,
  type CertificateFacts,
} from '../../../src-main/kube-apiserver/tls/certificate-specs';

const DAY = 24 * 60 * 60 * 1000;
const now = Date.UTC(2026, 0, 1);
const good = (days: number, over: Partial<CertificateFacts> = {}): CertificateFacts => ({
  notAfter: new Date(now + days * DAY),
  signedByCa: true,
  dnsNames: [...SERVING_DNS_NAMES],
  ipAddresses: [...SERVING_IP_ADDRESSES],
  ...over,
});
const complete = { ca: good(3000), serving: good(300), client: good(300, { dnsNames: [], ipAddresses: [] }), token: true };

describe('certificate specs', () => {
  test('the CA lasts 10 years, leaves one; all are backdated a little', () => {
    assert.equal(caSpec(now).notAfter.getTime(), now + 3650 * DAY);
    assert.equal(servingSpec(now).notAfter.getTime(), now + 365 * DAY);
    assert.ok(caSpec(now).notBefore.getTime() < now);
    assert.equal(caSpec(now).isCa, true);
  });

  test('the serving certificate names the loopback addresses and localhost; the client is an admin', () => {
    assert.deepEqual([...servingSpec(now).ipAddresses], ['127.0.0.1', '::1']);
    assert.deepEqual([...servingSpec(now).dnsNames], ['localhost']);
    assert.deepEqual([...servingSpec(now).extKeyUsage], ['serverAuth']);
    const client = clientSpec(now);
    assert.equal(client.commonName, 'berth-admin');
    assert.equal(client.organization, 'system:masters');
    assert.deepEqual([...client.extKeyUsage], ['clientAuth']);
  });
});

describe('planIssuance', () => {
  test('first start: everything is made', () => {
    assert.deepEqual(planIssuance({ token: false }, now), { ca: true, serving: true, client: true, token: true });
  });

  test('a complete, fresh set is kept', () => {
    assert.deepEqual(planIssuance(complete, now), { ca: false, serving: false, client: false, token: false });
  });

  test('a serving certificate expiring within 30 days is issued again, alone', () => {
    assert.deepEqual(planIssuance({ ...complete, serving: good(29) }, now), { ca: false, serving: true, client: false, token: false });
    assert.equal(planIssuance({ ...complete, serving: good(31) }, now).serving, false);
  });

  test('a serving certificate whose names differ is issued again', () => {
    assert.equal(planIssuance({ ...complete, serving: good(300, { ipAddresses: ['127.0.0.1'] }) }, now).serving, true);
    assert.equal(planIssuance({ ...complete, serving: good(300, { dnsNames: ['localhost', 'berth.local'] }) }, now).serving, true);
    assert.equal(planIssuance({ ...complete, serving: good(300, { ipAddresses: ['::1', '127.0.0.1'] }) }, now).serving, false, 'order does not matter');
  });

  test('a new CA makes every certificate new; a leaf not signed by the CA is replaced', () => {
    assert.deepEqual(planIssuance({ ...complete, ca: good(10) }, now), { ca: true, serving: true, client: true, token: false });
    assert.equal(planIssuance({ ...complete, client: good(300, { signedByCa: false }) }, now).client, true);
  });

  test('a missing token is made without touching the certificates', () => {
    assert.deepEqual(planIssuance({ ...complete, token: false }, now), { ca: false, serving: false, client: false, token: true });
  });
});
