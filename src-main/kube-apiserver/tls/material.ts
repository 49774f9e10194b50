// The Kubernetes API's keys, certificates and bearer token, kept in <dataDir>/kube-api/ (0700,
// files 0600): read at start, and whatever planIssuance says is missing or stale made anew.
import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes, X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { ensurePrivateDataDir } from '../../api/private-data-dir';
import { caSpec, clientSpec, planIssuance, servingSpec, type CertificateFacts, type IssuancePlan } from './certificate-specs';
import { issueCertificate, type KeyAndCertificate } from './issue';

export const OWNER_ONLY = 0o600;

export interface TlsMaterial {
  readonly dir: string;
  readonly ca: KeyAndCertificate;
  readonly serving: KeyAndCertificate;
  readonly client: KeyAndCertificate;
  /** The bearer token clients may send instead of the client certificate. */
  readonly token: string;
  /** What this start made anew (all true on the first start). */
  readonly issued: IssuancePlan;
}

const FILES = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  servingCert: 'apiserver.crt',
  servingKey: 'apiserver.key',
  clientCert: 'client.crt',
  clientKey: 'client.key',
  token: 'token',
} as const;

export function kubeApiDir(dataDir: string): string {
  return join(dataDir, 'kube-api');
}

/** Writes `text` 0600 through a temporary file, so a crash never leaves half a key. */
export function writeOwnerOnly(path: string, text: string): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: OWNER_ONLY });
  chmodSync(temp, OWNER_ONLY);
  renameSync(temp, path);
}

function readIfPresent(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  if (process.platform !== 'win32') chmodSync(path, OWNER_ONLY);
  return readFileSync(path, 'utf8');
}

/** node:crypto prints ::1 as 0:0:0:0:0:0:0:1; the URL parser gives every address one spelling. */
function canonicalIp(ip: string): string {
  return ip.includes(':') ? new URL(`http://[${ip}]/`).hostname.slice(1, -1) : ip;
}

function facts(pair: KeyAndCertificate | undefined, caCertPem: string | undefined): CertificateFacts | undefined {
  if (!pair || !caCertPem) return undefined;
  try {
    const cert = new X509Certificate(pair.certPem);
    const sans = (cert.subjectAltName ?? '').split(', ').filter(Boolean);
    return {
      notAfter: new Date(cert.validTo),
      signedByCa: cert.verify(new X509Certificate(caCertPem).publicKey),
      dnsNames: sans.filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4)),
      ipAddresses: sans.filter((s) => s.startsWith('IP Address:')).map((s) => canonicalIp(s.slice(11))),
    };
  } catch {
    return undefined; // unreadable: made anew
  }
}

function readPair(dir: string, certFile: string, keyFile: string): KeyAndCertificate | undefined {
  const certPem = readIfPresent(join(dir, certFile));
  const keyPem = readIfPresent(join(dir, keyFile));
  return certPem && keyPem ? { certPem, keyPem } : undefined;
}

/** Loads the material, issuing what is missing, expiring or no longer matching, and returns it. */
export function ensureTlsMaterial(dataDir: string, now: number = Date.now()): TlsMaterial {
  const dir = kubeApiDir(dataDir);
  ensurePrivateDataDir(dataDir);
  ensurePrivateDataDir(dir);
  let ca = readPair(dir, FILES.caCert, FILES.caKey);
  let serving = readPair(dir, FILES.servingCert, FILES.servingKey);
  let client = readPair(dir, FILES.clientCert, FILES.clientKey);
  let token = readIfPresent(join(dir, FILES.token))?.trim();
  const plan = planIssuance(
    { ca: facts(ca, ca?.certPem), serving: facts(serving, ca?.certPem), client: facts(client, ca?.certPem), token: Boolean(token) },
    now,
  );
  const save = (pair: KeyAndCertificate, certFile: string, keyFile: string) => {
    writeOwnerOnly(join(dir, keyFile), pair.keyPem);
    writeOwnerOnly(join(dir, certFile), pair.certPem);
    return pair;
  };
  if (plan.ca || !ca) ca = save(issueCertificate(caSpec(now)), FILES.caCert, FILES.caKey);
  if (plan.serving || !serving) serving = save(issueCertificate(servingSpec(now), ca), FILES.servingCert, FILES.servingKey);
  if (plan.client || !client) client = save(issueCertificate(clientSpec(now), ca), FILES.clientCert, FILES.clientKey);
  if (plan.token || !token) {
    token = randomBytes(32).toString('base64url');
    writeOwnerOnly(join(dir, FILES.token), `${token}\n`);
  }
  return { dir, ca, serving, client, token, issued: plan };
}

/** The token file's path (for clients that read it, e.g. `curl -H "Authorization: Bearer $(cat …)"`). */
export function tokenPath(dataDir: string): string {
  return join(kubeApiDir(dataDir), FILES.token);
}
