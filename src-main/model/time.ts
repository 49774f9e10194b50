// metav1.Time, the one serialisation rule the model's timestamps follow.

/** metav1.Time's JSON form: RFC 3339 in UTC, whole seconds (`2024-01-01T00:00:00Z`). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
