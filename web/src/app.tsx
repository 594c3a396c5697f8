import { useEffect, useState } from "preact/hooks";
import { api, ApiError, setCsrfToken } from "./api";
import { Link } from "./components/link";
import { Loading } from "./components/status";
import { revealFragment } from "./fragment";
import { notificationsLabel, setUnread, useUnread } from "./notifications";
import { Admin } from "./pages/admin";
import { IncidentList } from "./pages/incident_list";
import { IncidentPage, type IncidentTab } from "./pages/incident_page";
import { Lessons, Library } from "./pages/library";
import { MyActions } from "./pages/my_actions";
import { NewIncident } from "./pages/new_incident";
import { Notifications } from "./pages/notifications";
import { PostmortemImport } from "./pages/postmortem_import";
import { Settings } from "./pages/settings";
import { SignIn } from "./pages/sign_in";
import { matchPath, navigate, useLocation } from "./router";
import type { User } from "./types";

export function App() {
  const [me, setMe] = useState<User | null | undefined>(undefined);
  const { path, hash } = useLocation();

  useEffect(() => {
    api.get<User>("/me").then(
      (user) => {
        setCsrfToken(user.csrf_token);
        setMe(user);
      },
      (reason) => setMe(reason instanceof ApiError && reason.status === 401 ? null : null),
    );
  }, []);

  // A link to a part of a page (/incidents/KEY/review#comment-12): shown once it has loaded.
  useEffect(() => (me && hash ? revealFragment(hash) : undefined), [me, path, hash]);

  if (me === undefined) return <Loading what="debrief" />;
  if (me === null) return <SignIn onSignedIn={setMe} />;

  async function signOut() {
    // Signed in at the proxy in front: only the proxy can sign the person out.
    if (me?.sign_out_url) {
      window.location.assign(me.sign_out_url);
      return;
    }
    await api.remove("/session").catch(() => undefined);
    setCsrfToken(undefined);
    setUnread(undefined);
    setMe(null);
    navigate("/");
  }

  return (
    <>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="top-bar">
        <Link class="brand" href="/">debrief</Link>
        <nav aria-label="Main">
          <Link href="/" aria-current={path === "/" ? "page" : undefined}>Incidents</Link>
          <Link href="/library" aria-current={path.startsWith("/library") ? "page" : undefined}>Library</Link>
          <Link href="/actions" aria-current={path === "/actions" ? "page" : undefined}>My action items</Link>
          <Link href="/settings" aria-current={path === "/settings" ? "page" : undefined}>Settings</Link>
          {me.role === "admin" && <Link href="/admin" aria-current={path === "/admin" ? "page" : undefined}>Admin</Link>}
        </nav>
        <div class="top-bar__user">
          <NotificationsLink current={path === "/notifications"} />
          <span title={me.email}>{me.name}</span>
          <span class="badge">{me.role}</span>
          {me.sign_out_url !== "" && (
            <button class="button button--quiet" type="button" onClick={() => void signOut()}>Sign out</button>
          )}
        </div>
      </header>
      <Page path={path} me={me} />
    </>
  );
}

// The top bar's way to the inbox, with how many are unread.
function NotificationsLink({ current }: { current: boolean }) {
  const unread = useUnread();
  return (
    <Link href="/notifications" class={`top-bar__notifications${unread ? " top-bar__notifications--unread" : ""}`}
      aria-label={notificationsLabel(unread)} aria-current={current ? "page" : undefined}>
      <svg class="top-bar__bell" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
      </svg>
      {/* The space keeps what is seen ("Notifications 2") a part of the name people say to
          voice control ("Notifications, 2 unread"). */}
      <span class="top-bar__notifications-text">Notifications</span>{" "}
      {unread ? <span class="top-bar__count">{unread > 99 ? "99+" : unread}</span> : null}
    </Link>
  );
}

function Page({ path, me }: { path: string; me: User }) {
  if (path === "/" || path === "/incidents") return <IncidentList canWrite={me.role !== "viewer"} isAdmin={me.role === "admin"} />;
  if (path === "/incidents/new") return <NewIncident />;
  if (path === "/incidents/import") return <PostmortemImport canWrite={me.role !== "viewer"} />;
  if (path === "/actions") return <MyActions />;
  if (path === "/library") return <Library />;
  if (path === "/library/lessons") return <Lessons />;
  if (path === "/settings") return <Settings me={me} />;
  if (path === "/notifications") return <Notifications />;
  // Not in the navigation for others, but a shared link still explains itself (see Admin).
  if (path === "/admin") return <Admin me={me} />;
  for (const [pattern, tab] of [
    ["/incidents/:key", "overview"],
    ["/incidents/:key/account", "account"],
    ["/incidents/:key/accounts", "accounts"],
    ["/incidents/:key/timeline", "timeline"],
    ["/incidents/:key/review", "review"],
  ] as const) {
    const params = matchPath(pattern, path);
    if (params) return <IncidentPage key={params.key} incidentKey={params.key} tab={tab as IncidentTab} me={me} />;
  }
  return (
    <main class="page" id="main">
      <h1>Page not found</h1>
      <p>There is nothing at this address. <Link href="/">Go to the incidents</Link>.</p>
    </main>
  );
}
