// Starts a page's requests together, in one synchronous step, so they travel in one round trip
// even when the components that use them mount and run their effects at different moments.
// Each started request is taken once; later loads (reloads) fetch afresh.
import { api } from "./api";

const started = new Map<string, { promise: Promise<unknown>; at: number }>();
const kForgetAfterMs = 10_000;

export function startLoading(paths: string[]): void {
  const now = Date.now();
  for (const [path, entry] of started) if (now - entry.at > kForgetAfterMs) started.delete(path);
  for (const path of paths) {
    if (!started.has(path)) started.set(path, { promise: api.get(path), at: now });
  }
}

// The request started for `path`, or a new one.
export function take<T>(path: string): Promise<T> {
  const entry = started.get(path);
  started.delete(path);
  return (entry?.promise ?? api.get<T>(path)) as Promise<T>;
}
