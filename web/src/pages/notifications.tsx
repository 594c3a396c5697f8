// The inbox: what people were told (added to an incident, asked to review, an account released
// to them, a mention, an action item due or overdue, a review overdue), newest first, each a
// sentence, its next step and a link. Opening one marks it read and goes where it points.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Link } from "../components/link";
import { Empty, Loading, Problem, Time } from "../components/status";
import { isAppPath } from "../links";
import { setUnread, useUnread } from "../notifications";
import { navigate } from "../router";
import { asSentence } from "../text";
import type { Notification, NotificationPage } from "../types";
import { useLoad } from "../use_load";

const kPageSize = 20;

interface Listed {
  items: Notification[];
  next: number | null;
  unread: number;
}

export function Notifications() {
  const loaded = useLoad(() => api.get<NotificationPage>(`/me/notifications?limit=${kPageSize}`), "notifications");
  const [list, setList] = useState<Listed | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const count = useUnread();

  useEffect(() => {
    if (!loaded.data) return;
    setList({ items: loaded.data.items, next: loaded.data.next_before, unread: loaded.data.unread });
    setUnread(loaded.data.unread);
  }, [loaded.data]);

  // New ones arrived while the page was open (the top bar noticed): show them.
  useEffect(() => {
    if (list && count !== undefined && count > list.unread && !busy) loaded.reload();
  }, [count]);

  async function markRead(ids: number[] | undefined): Promise<number> {
    const answer = await api.post<{ unread: number }>("/me/notifications/read", ids ? { ids } : {});
    setUnread(answer.unread);
    return answer.unread;
  }

  async function open(item: Notification, event: MouseEvent) {
    const newTab = event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
    if (!newTab) event.preventDefault();
    if (!item.read_at) {
      try {
        const unread = await markRead([item.id]);
        const now = new Date().toISOString();
        if (list) setList({ ...list, unread, items: list.items.map((other) => (other.id === item.id ? { ...other, read_at: now } : other)) });
      } catch {
        // Opening it matters more than the mark: it stays unread, to be marked next time.
      }
    }
    if (!newTab) navigate(item.path);
  }

  async function markAllRead() {
    if (!list) return;
    setBusy(true);
    try {
      const unread = await markRead(undefined);
      const now = new Date().toISOString();
      setList({ ...list, unread, items: list.items.map((item) => (item.read_at ? item : { ...item, read_at: now })) });
      setMessage({ text: "All your notifications are marked read.", error: false });
    } catch (reason) {
      setMessage({ text: `Nothing was marked read. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`, error: true });
    } finally {
      setBusy(false);
    }
  }

  async function showOlder() {
    if (!list || list.next === null) return;
    setBusy(true);
    try {
      const page = await api.get<NotificationPage>(`/me/notifications?limit=${kPageSize}&before=${list.next}`);
      const known = new Set(list.items.map((item) => item.id));
      setList({ items: [...list.items, ...page.items.filter((item) => !known.has(item.id))], next: page.next_before, unread: page.unread });
      setUnread(page.unread);
      setMessage(undefined);
    } catch (reason) {
      setMessage({ text: `The older notifications did not load. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`, error: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="page page--narrow" id="main">
      <div class="page__header">
        <h1>Notifications</h1>
        {list && list.items.length > 0 && (
          <button class="button" type="button" disabled={busy || list.unread === 0} onClick={() => void markAllRead()}>Mark all read</button>
        )}
      </div>
      {!list && loaded.loading && <Loading what="your notifications" />}
      {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
      {message && <p class={`alert ${message.error ? "alert--error" : "alert--info"}`} role={message.error ? "alert" : "status"}>{message.text}</p>}
      {list && list.items.length === 0 && (
        <Empty title="No notifications yet.">
          <p>
            You are told here when someone adds you to an incident, asks you to review, shares or releases their account with
            you, or mentions you in a comment; when an action item you own is due or overdue; and when a review you
            facilitate is overdue.
          </p>
          <p>They can come by e-mail or to your chat tool as well: <Link href="/settings#notifications-title">choose in Settings</Link>.</p>
        </Empty>
      )}
      {list && list.items.length > 0 && (
        <>
          <p class="muted">
            {list.unread === 0 ? "Nothing unread." : `${list.unread} unread.`} E-mail and chat: <Link href="/settings#notifications-title">Settings</Link>.
          </p>
          <ul class="notifications" aria-label="Your notifications, newest first">
            {list.items.map((item) => (
              <li class={`notification${item.read_at ? "" : " notification--unread"}`} data-notification-id={item.id}>
                <p class="notification__title">
                  {!item.read_at && <span class="badge notification__new">Unread</span>}
                  {isAppPath(item.path) ? (
                    <a href={item.path} onClick={(event) => void open(item, event)}>{asSentence(item.title)}</a>
                  ) : (
                    <span>{asSentence(item.title)}</span>
                  )}
                </p>
                {item.next_step && <p class="notification__step">{asSentence(item.next_step)}</p>}
                <p class="notification__meta"><Time iso={item.created_at} year /> · <span class="key">{item.incident_key}</span></p>
              </li>
            ))}
          </ul>
          {list.next !== null && (
            <div class="pager">
              <button class="button" type="button" disabled={busy} onClick={() => void showOlder()}>Show older notifications</button>
            </div>
          )}
        </>
      )}
    </main>
  );
}
