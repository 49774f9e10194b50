// What Berth's Kubernetes API certificates say, and when one must be issued again: a pure
// description (the keys and signatures are made in issue.ts, the files kept in material.ts).
// Modelled on kubeadm's PKI: a self-signed CA, a serving certificate for the loopback names,
// and an admin client certificate whose O is system:masters.

export const CA_VALIDITY_DAYS = 3650;
export const LEAF_VALIDITY_DAYS = 365;
/** A certificate this close to its end is issued again at start (as kubeadm's renewal window). */
export const RENEW_WITHIN_DAYS = 30;
/** Backdated so a clock a little behind ours still accepts a fresh certificate. */
const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const CLIENT_COMMON_NAME = 'berth-admin';
export const CLIENT_ORGANIZATION = 'system:masters';
export const SERVING_DNS_NAMES: readonly string[] = ['localhost'];
export const SERVING_IP_ADDRESSES: readonly string[] = ['127.0.0.1', '::1'];

export interface CertificateSpec {
  readonly commonName: string;
  readonly organization?: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly isCa: boolean;
  readonly extKeyUsage: readonly ('serverAuth' | 'clientAuth')[];
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

function validity(now: number, days: number): Pick<CertificateSpec, 'notBefore' | 'notAfter'> {
  return { notBefore: new Date(now - BACKDATE_MS), notAfter: new Date(now + days * DAY_MS) };
}

export function caSpec(now: number): CertificateSpec {
  return { commonName: 'berth-ca', ...validity(now, CA_VALIDITY_DAYS), isCa: true, extKeyUsage: [], dnsNames: [], ipAddresses: [] };
}

export function servingSpec(now: number): CertificateSpec {
  return {
    commonName: 'berth-apiserver',
    ...validity(now, LEAF_VALIDITY_DAYS),
    isCa: false,
    extKeyUsage: ['serverAuth'],
    dnsNames: SERVING_DNS_NAMES,
    ipAddresses: SERVING_IP_ADDRESSES,
  };
}

export function clientSpec(now: number): CertificateSpec {
  return {
    commonName: CLIENT_COMMON_NAME,
    organization: CLIENT_ORGANIZATION,
    ...validity(now, LEAF_VALIDITY_DAYS),
    isCa: false,
    extKeyUsage: ['clientAuth'],
    dnsNames: [],
    ipAddresses: [],
  };
}

/** What is known of a certificate found on disk (read with node:crypto's X509Certificate). */
export interface CertificateFacts {
  readonly notAfter: Date;
  /** Signed by the CA in use (always true for the CA itself when it is self-signed). */
  readonly signedByCa: boolean;
  readonly dnsNames: readonly string[];
  readonly ipAddresses: readonly string[];
}

export interface Found {
  readonly ca?: CertificateFacts;
  readonly serving?: CertificateFacts;
  readonly client?: CertificateFacts;
  readonly token: boolean;
}

export interface IssuancePlan {
  readonly ca: boolean;
  readonly serving: boolean;
  readonly client: boolean;
  readonly token: boolean;
}

function expiring(facts: CertificateFacts, now: number): boolean {
  return facts.notAfter.getTime() - now < RENEW_WITHIN_DAYS * DAY_MS;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
}

/**
 * Which pieces to make at start: anything missing, expiring within 30 days or no longer signed by
 * the CA; the serving certificate also when its names differ from the ones served. A new CA makes
 * every certificate new (the old ones would not verify).
 */
export function planIssuance(found: Found, now: number): IssuancePlan {
  const ca = !found.ca || !found.ca.signedByCa || expiring(found.ca, now);
  const stale = (facts: CertificateFacts | undefined) => ca || !facts || !facts.signedByCa || expiring(facts, now);
  const serving =
    stale(found.serving) ||
    !sameSet(found.serving!.dnsNames, SERVING_DNS_NAMES) ||
    !sameSet(found.serving!.ipAddresses, SERVING_IP_ADDRESSES);
  return { ca, serving, client: stale(found.client), token: !found.token };
}
