// Makes a key pair and a certificate from a spec (certificate-specs.ts). RSA 2048 keys come from
// Node's crypto (forge's own key generation takes seconds); forge only builds and signs the X.509.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { CertificateSpec } from './certificate-specs';

export interface KeyAndCertificate {
  readonly keyPem: string;
  readonly certPem: string;
}

export interface Issuer {
  readonly keyPem: string;
  readonly certPem: string;
}

/** A positive 128-bit serial (RFC 5280 wants it positive; Go refuses negative ones). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

function subject(spec: CertificateSpec): forge.pki.CertificateField[] {
  return [{ name: 'commonName', value: spec.commonName }, ...(spec.organization ? [{ name: 'organizationName', value: spec.organization }] : [])];
}

function extensions(spec: CertificateSpec, issuerCert: forge.pki.Certificate | undefined): object[] {
  if (spec.isCa) {
    return [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ];
  }
  const altNames = [...spec.dnsNames.map((value) => ({ type: 2, value })), ...spec.ipAddresses.map((ip) => ({ type: 7, ip }))];
  return [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: spec.extKeyUsage.includes('serverAuth'), clientAuth: spec.extKeyUsage.includes('clientAuth') },
    ...(altNames.length ? [{ name: 'subjectAltName', altNames }] : []),
    ...(issuerCert ? [{ name: 'authorityKeyIdentifier', keyIdentifier: issuerCert.generateSubjectKeyIdentifier().getBytes() }] : []),
  ];
}

/** Issues `spec` signed by `issuer`, or self-signed when there is none (the CA). */
export function issueCertificate(spec: CertificateSpec, issuer?: Issuer): KeyAndCertificate {
  const pair = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const issuerCert = issuer ? forge.pki.certificateFromPem(issuer.certPem) : undefined;
  const signingKey = forge.pki.privateKeyFromPem(issuer ? issuer.keyPem : pair.privateKey);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(pair.publicKey);
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.setSubject(subject(spec));
  cert.setIssuer(issuerCert ? issuerCert.subject.attributes : subject(spec));
  cert.setExtensions(extensions(spec, issuerCert));
  cert.sign(signingKey, forge.md.sha256.create());
  return { keyPem: pair.privateKey, certPem: forge.pki.certificateToPem(cert) };
}
