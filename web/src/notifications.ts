// The unread count in the top bar, shared with the notifications page (which changes it by
// marking them read). It is asked for when the app starts, when the page is looked at again
// (focus, or the tab coming back into view) and once a minute while it is visible: no more.
import { useEffect, useState } from "preact/hooks";
import { api } from "./api";
import type { NotificationPage } from "./types";

const kRefreshMs = 60_000;
// Focus and visibility often change together: one question does for both.
const kAgainAfterMs = 5_000;

let unread: number | undefined;
let askedAt = 0;
const listeners = new Set<(count: number | undefined) => void>();

export function setUnread(count: number | undefined): void {
  unread = count;
  for (const listener of listeners) listener(count);
}

// Asks the server how many are unread; an answer that does not come keeps the last count.
export async function refreshUnread(): Promise<void> {
  askedAt = Date.now();
  try {
    setUnread((await api.get<NotificationPage>("/me/notifications?limit=1")).unread);
  } catch {
    // Offline or signed out: the next refresh tries again.
  }
}

// The unread count, kept fresh while the component that shows it is mounted.
export function useUnread(): number | undefined {
  const [count, setCount] = useState(unread);
  useEffect(() => {
    listeners.add(setCount);
    if (unread === undefined) void refreshUnread();
    const again = () => {
      if (!document.hidden && Date.now() - askedAt > kAgainAfterMs) void refreshUnread();
    };
    const timer = setInterval(() => {
      if (!document.hidden) void refreshUnread();
    }, kRefreshMs);
    addEventListener("focus", again);
    document.addEventListener("visibilitychange", again);
    return () => {
      listeners.delete(setCount);
      clearInterval(timer);
      removeEventListener("focus", again);
      document.removeEventListener("visibilitychange", again);
    };
  }, []);
  return count;
}

// The top bar link's accessible name: "Notifications, 2 unread".
export function notificationsLabel(count: number | undefined): string {
  return count ? `Notifications, ${count} unread` : "Notifications";
}

// What each kind of notification is about, as a choice in Settings.
export const kNotificationKindLabels: { [kind: string]: string } = {
  added_to_incident: "Someone adds you to an incident",
  review_requested: "You are asked to review",
  account_released: "A colleague shares or releases their account",
  mentioned: "A comment mentions you",
  action_due: "An action item of yours is due",
  action_overdue: "An action item of yours is overdue",
  review_overdue: "A review you facilitate is overdue",
};

export function notificationKindLabel(kind: string): string {
  return kNotificationKindLabels[kind] ?? kind.replace(/_/g, " ");
}
