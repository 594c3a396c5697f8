// How a person wants to be told, in Settings: every notification is in the app's inbox; each
// kind can also go by e-mail (one at a time, or in a daily digest at an hour of their day) and to
// their chat tool through an incoming webhook on a host the server allows. Saved against the
// version read: a change made elsewhere meanwhile (another tab) is reloaded, and said so.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { describedBy, Field } from "../components/field";
import { Link } from "../components/link";
import { Loading, Problem } from "../components/status";
import { notificationKindLabel } from "../notifications";
import { withFieldLabel } from "../text";
import { digestHours, viewerZone } from "../time";
import type { ChatFormat, NotificationSettings as Settings } from "../types";
import { useLoad } from "../use_load";

const kPath = "/me/notification-settings";

const kChatFormats: { id: ChatFormat; label: string }[] = [
  { id: "slack", label: "Slack" },
  { id: "mattermost", label: "Mattermost" },
  { id: "teams", label: "Microsoft Teams" },
];

const kFieldLabels: { [field: string]: string } = {
  email_kinds: "The e-mail choices",
  chat_kinds: "The chat choices",
  email_digest_hour: "The digest hour",
  chat_webhook_url: "The webhook address",
  chat_format: "The chat tool",
};

interface Values {
  email: string[];
  chat: string[];
  // "" for one e-mail per notification, else the UTC hour of the digest.
  digest: string;
  url: string;
  format: ChatFormat;
}

const valuesOf = (settings: Settings): Values => ({
  email: [...settings.email_kinds],
  chat: [...settings.chat_kinds],
  digest: settings.email_digest_hour === null ? "" : String(settings.email_digest_hour),
  url: settings.chat_webhook_url,
  format: settings.chat_format,
});

export function NotificationSettings() {
  const loaded = useLoad(() => api.get<Settings>(kPath), "notification-settings");
  const [settings, setSettings] = useState<Settings | undefined>();
  const [values, setValues] = useState<Values | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [busy, setBusy] = useState(false);

  function show(current: Settings) {
    setSettings(current);
    setValues(valuesOf(current));
  }
  useEffect(() => {
    if (loaded.data) show(loaded.data);
  }, [loaded.data]);

  async function save(event: Event) {
    event.preventDefault();
    if (!settings || !values) return;
    setBusy(true);
    setError(undefined);
    setMessage(undefined);
    const body = {
      email_kinds: values.email,
      chat_kinds: values.chat,
      email_digest_hour: values.digest === "" ? null : Number(values.digest),
      chat_webhook_url: values.url.trim(),
      chat_format: values.format,
    };
    try {
      // Version 0: never saved, so created (If-None-Match: *) rather than changed.
      show(await api.put<Settings>(kPath, body, settings.version === 0 ? undefined : settings.version));
      setMessage({ text: "Saved your notification settings.", error: false });
    } catch (reason) {
      const problem = reason instanceof ApiError ? reason : new ApiError(0, "Saving failed.", undefined, []);
      // 412: changed since read; 409: first saved elsewhere while this page still had none.
      if (problem.status === 412 || problem.status === 409) {
        try {
          show(await api.get<Settings>(kPath));
          setMessage({
            text: "Your notification settings were changed somewhere else (in another tab, perhaps) after this page loaded, so yours were not saved. They are shown as they are now: make your change again and save.",
            error: true,
          });
        } catch (inner) {
          setError(inner instanceof ApiError ? inner : problem);
        }
      } else {
        setError(problem);
      }
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) => {
    const detail = error?.forField(field);
    return detail && withFieldLabel(detail, field, kFieldLabels[field] ?? field);
  };
  const otherError = error && (error.errors.length === 0 || error.errors.every((item) => !(item.field in kFieldLabels)));

  return (
    <section class="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <p class="muted">
        Every notification is in your <Link href="/notifications">inbox</Link> here in debrief: that is always on. Choose which
        also come by e-mail and to your chat tool.
      </p>
      {loaded.loading && !settings && <Loading what="your notification settings" />}
      {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
      {settings && values && (
        <form class="notification-settings" aria-label="Notification settings" noValidate onSubmit={save}>
          {!settings.email_available && (
            <p class="alert alert--info" role="note">
              E-mail is not set up on this server, so nothing is sent by e-mail. An administrator can set up a mail server for debrief.
            </p>
          )}
          {message && <p class={`alert ${message.error ? "alert--error" : "alert--info"}`} role={message.error ? "alert" : "status"}>{message.text}</p>}
          {otherError && <p class="alert alert--error" role="alert">{error.detail}</p>}
          <div class="notification-kinds">
            <table class="table">
              <caption class="visually-hidden">How you are told of each kind of notification</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">In debrief</th>
                  <th scope="col">E-mail</th>
                  <th scope="col">Chat</th>
                </tr>
              </thead>
              <tbody>
                {settings.kinds.map((kind) => {
                  const label = notificationKindLabel(kind);
                  const toggle = (channel: "email" | "chat", on: boolean) => setValues({
                    ...values,
                    [channel]: on ? [...values[channel].filter((other) => other !== kind), kind] : values[channel].filter((other) => other !== kind),
                  });
                  return (
                    <tr data-kind={kind}>
                      <th scope="row">{label}</th>
                      <td class="muted">Always</td>
                      <td>
                        <input type="checkbox" aria-label={`E-mail: ${label}`} checked={values.email.includes(kind)} disabled={!settings.email_available}
                          onChange={(change) => toggle("email", change.currentTarget.checked)} />
                      </td>
                      <td>
                        <input type="checkbox" aria-label={`Chat: ${label}`} checked={values.chat.includes(kind)}
                          onChange={(change) => toggle("chat", change.currentTarget.checked)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {["email_kinds", "chat_kinds"].map((field) => fieldError(field) && <p class="field__error" role="alert">{fieldError(field)}</p>)}
          <div class="record-form__fields">
            <Field id="notify-digest" label="E-mail timing" error={fieldError("email_digest_hour")}
              hint={`A daily digest gathers the day's e-mails into one. Times are in your time zone (${viewerZone()}).`}>
              <select id="notify-digest" value={values.digest} disabled={!settings.email_available}
                aria-describedby={describedBy("notify-digest", fieldError("email_digest_hour"), true)}
                aria-invalid={!!fieldError("email_digest_hour")}
                onChange={(change) => setValues({ ...values, digest: change.currentTarget.value })}>
                <option value="">One e-mail for each notification</option>
                {digestHours().map((hour) => <option value={String(hour.utc)}>Daily digest at {hour.label}</option>)}
              </select>
            </Field>
            <Field id="notify-chat-format" label="Chat tool" error={fieldError("chat_format")}>
              <select id="notify-chat-format" value={values.format}
                aria-describedby={describedBy("notify-chat-format", fieldError("chat_format"))}
                onChange={(change) => setValues({ ...values, format: change.currentTarget.value as ChatFormat })}>
                {kChatFormats.map((format) => <option value={format.id}>{format.label}</option>)}
              </select>
            </Field>
            <Field id="notify-chat-url" label="Chat webhook address" wide error={fieldError("chat_webhook_url")}
              hint={settings.chat_hosts.length
                ? <>An incoming webhook of your chat tool, for a channel or a direct message. This server sends to: {settings.chat_hosts.map((host, index) => <>{index > 0 && ", "}<code>{host}</code></>)}.</>
                : "This server sends to no chat tool: an administrator can allow one."}>
              <input id="notify-chat-url" type="url" inputMode="url" spellcheck={false} value={values.url} maxLength={2000}
                placeholder="https://hooks.slack.com/services/…"
                aria-describedby={describedBy("notify-chat-url", fieldError("chat_webhook_url"), true)}
                aria-invalid={!!fieldError("chat_webhook_url")}
                onInput={(input) => setValues({ ...values, url: input.currentTarget.value })} />
            </Field>
          </div>
          <div class="form__actions">
            <button class="button button--primary" type="submit" disabled={busy}>{busy ? "Saving…" : "Save notification settings"}</button>
          </div>
        </form>
      )}
    </section>
  );
}
