// What the selector parsers return.

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
