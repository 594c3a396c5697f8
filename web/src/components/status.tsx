import type { ComponentChildren } from "preact";
import { ApiError } from "../api";
import { formatClock, utcTitle } from "../time";

export function Loading({ what }: { what: string }) {
  return (
    <div class="state" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" /> Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state--empty">
      <p class="state__title">{title}</p>
      {children}
    </div>
  );
}

// An error that says what to do next.
export function Problem({ error, retry }: { error: unknown; retry?: () => void }) {
  const message =
    error instanceof ApiError
      ? error.status === 404
        ? "This was not found. It may have been removed, or you may not have access to it."
        : error.detail
      : "Something unexpected happened.";
  return (
    <div class="state state--error" role="alert">
      <p>{message}</p>
      {retry && (
        <button type="button" class="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

// Shows a UTC instant in the viewer's time zone, with UTC on hover: the clock only, the day and
// time, or (`year`) the date with its year, for times that may be far off (token expiries).
export function Time({ iso, clock, year, none = "—" }: { iso: string | null | undefined; clock?: boolean; year?: boolean; none?: string }) {
  if (!iso) return <span class="muted">{none}</span>;
  const text = clock
    ? formatClock(iso)
    : new Date(iso).toLocaleString(undefined, { ...(year ? { year: "numeric" } : {}), month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  return (
    <time dateTime={iso} title={utcTitle(iso)}>
      {text}
    </time>
  );
}
