// The local machine as the one node of Berth's "cluster", with the well-known node labels.
import { arch, hostname, platform } from 'node:os';

export interface LocalNode {
  name: string;
  labels: Record<string, string>;
}

const GO_ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'arm', ia32: '386', ppc64: 'ppc64le', s390x: 's390x' };
const GO_OS: Record<string, string> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };

/** Node names are DNS-1123 subdomains: lower-case the host name and drop what can't appear. */
export function nodeNameFromHostname(host: string): string {
  const cleaned = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned.slice(0, 253) || 'localhost';
}

export function describeLocalNode(
  host: string = hostname(),
  os: string = platform(),
  cpu: string = arch(),
): LocalNode {
  const name = nodeNameFromHostname(host);
  const goOs = GO_OS[os] ?? os;
  const goArch = GO_ARCH[cpu] ?? cpu;
  return {
    name,
    labels: {
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': goOs,
      'kubernetes.io/arch': goArch,
      'beta.kubernetes.io/os': goOs,
      'beta.kubernetes.io/arch': goArch,
    },
  };
}
