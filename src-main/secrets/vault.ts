/**
 * Where Secret data lives: never in SQLite. The headless controller uses owner-only files
 * (FileSecretVault); the desktop app can swap in one encrypted with Electron's safeStorage.
 * Values are the Secret's `data` map: base64 strings, as in the Kubernetes API.
 */
export interface SecretVault {
  /** A human-readable description of where secrets are kept, for the README and `berth engine`. */
  readonly location: string;
  put(namespace: string, name: string, data: Record<string, string>): void;
  get(namespace: string, name: string): Record<string, string> | null;
  delete(namespace: string, name: string): void;
}
