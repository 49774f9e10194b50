// Hosting the door: the TLS material, the server, and <dataDir>/kubeconfig with the real port,
// for `berth serve` and the app alike.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKubeconfig } from './kubeconfig';
import { Router } from './router';
import { startKubeApiServer } from './server';
import { ensureTlsMaterial, tokenPath, writeOwnerOnly } from './tls/material';

/** Berth's default port: not 6443, which a local cluster (kind, minikube, k3s) often has. */
export const DEFAULT_API_PORT = 16443;

export function kubeconfigPath(dataDir: string): string {
  return join(dataDir, 'kubeconfig');
}

/** `--api-port` or BERTH_API_PORT: a port number, 0 for any free one. */
export function parseApiPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_API_PORT;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`the API port must be a number from 0 to 65535, not "${value}"`);
  return Number(value);
}

export interface HostedKubeApi {
  readonly url: string;
  readonly port: number;
  readonly kubeconfigPath: string;
  readonly tokenPath: string;
  readonly router: Router;
  close(): Promise<void>;
}

export interface HostOptions {
  readonly dataDir: string;
  readonly port: number;
  /** Where resource handlers are registered (a new, empty one unless given). */
  readonly router?: Router;
  readonly log?: (message: string) => void;
  readonly now?: number;
}

/** Starts the Kubernetes API on 127.0.0.1 and writes the kubeconfig that reaches it. */
export async function hostKubeApi(options: HostOptions): Promise<HostedKubeApi> {
  const material = ensureTlsMaterial(options.dataDir, options.now);
  const router = options.router ?? new Router();
  const server = await startKubeApiServer({ material, router, port: options.port, ...(options.log ? { log: options.log } : {}) });
  const path = kubeconfigPath(options.dataDir);
  writeOwnerOnly(
    path,
    buildKubeconfig({ server: server.url, caPem: material.ca.certPem, clientCertPem: material.client.certPem, clientKeyPem: material.client.keyPem }),
  );
  return { url: server.url, port: server.port, kubeconfigPath: path, tokenPath: tokenPath(options.dataDir), router, close: () => server.close() };
}

/** The kubeconfig the last start wrote, or undefined before any start. */
export function readKubeconfig(dataDir: string): string | undefined {
  try {
    return readFileSync(kubeconfigPath(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Hosts the API beside a controller (`berth serve`, the app) and says where, or says why not: a
 * port in use (another Berth, a local cluster) must not stop the controller, whose socket and
 * window still work.
 */
export async function hostBesideController(dataDir: string, port: number, router: Router, log: (message: string) => void): Promise<HostedKubeApi | undefined> {
  try {
    const hosted = await hostKubeApi({ dataDir, port, router, log });
    log(`Kubernetes API on ${hosted.url} (kubeconfig: ${hosted.kubeconfigPath})`);
    return hosted;
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    log(`the Kubernetes API is not served: ${inUse ? `port ${port} is in use; choose another with --api-port or BERTH_API_PORT` : (error as Error).message}`);
    return undefined;
  }
}
