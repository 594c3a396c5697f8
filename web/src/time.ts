// Times are UTC instants on the wire and shown in the viewer's time zone, with UTC on hover.

export function formatClock(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString(undefined, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function utcTitle(iso: string | null | undefined): string {
  if (!iso) return "";
  return new Date(iso).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, " UTC");
}

// "7 min", "1 h 05 min", "2 d 3 h"; "—" when unknown.
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

// The value for an <input type="datetime-local"> showing `iso` in the viewer's zone.
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (value: number) => String(value).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

// The UTC instant for a datetime-local value typed in the viewer's zone; null when empty.
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().replace(/\.000Z$/, "Z");
}

// The viewer's zone as a setting the server reads (an IANA name), UTC when the browser has none.
export function viewerTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

// The viewer's time zone by name ("Europe/Berlin"), for hints beside time inputs.
export function viewerZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "your time zone";
  } catch {
    return "your time zone";
  }
}

// The hours a daily digest can go out, as the viewer reads them: each UTC hour (what the server
// stores) with the time it is in `timeZone` (the viewer's by default) on the day `on`, in the
// order of the viewer's day. Zones with half-hour offsets get half-past times.
export function digestHours(timeZone?: string, on: Date = new Date()): { utc: number; minutes: number; label: string }[] {
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const choices = [];
  for (let utc = 0; utc < 24; utc++) {
    const at = new Date(Date.UTC(on.getUTCFullYear(), on.getUTCMonth(), on.getUTCDate(), utc));
    const parts = clock.formatToParts(at);
    const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value ?? 0);
    const minutes = (part("hour") % 24) * 60 + part("minute");
    const local = at.toLocaleTimeString(undefined, { timeZone, hour: "2-digit", minute: "2-digit" });
    choices.push({ utc, minutes, label: minutes === utc * 60 ? `${local} (UTC)` : `${local} (${String(utc).padStart(2, "0")}:00 UTC)` });
  }
  return choices.sort((a, b) => a.minutes - b.minutes);
}
