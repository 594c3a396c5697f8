import { useEffect, useState } from "preact/hooks";
import { api, ApiError, setCsrfToken } from "./api";
import { Link } from "./components/link";
import { Loading } from "./components/status";
import { Admin } from "./pages/admin";
import { IncidentList } from "./pages/incident_list";
import { IncidentPage, type IncidentTab } from "./pages/incident_page";
import { Lessons, Library } from "./pages/library";
import { MyActions } from "./pages/my_actions";
import { NewIncident } from "./pages/new_incident";
import { Settings } from "./pages/settings";
import { SignIn } from "./pages/sign_in";
import { matchPath, navigate, useLocation } from "./router";
import type { User } from "./types";

export function App() {
  const [me, setMe] = useState<User | null | undefined>(undefined);
  const { path } = useLocation();

  useEffect(() => {
    api.get<User>("/me").then(
      (user) => {
        setCsrfToken(user.csrf_token);
        setMe(user);
      },
      (reason) => setMe(reason instanceof ApiError && reason.status === 401 ? null : null),
    );
  }, []);

  if (me === undefined) return <Loading what="debrief" />;
  if (me === null) return <SignIn onSignedIn={setMe} />;

  async function signOut() {
    await api.remove("/session").catch(() => undefined);
    setCsrfToken(undefined);
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
          <span title={me.email}>{me.name}</span>
          <span class="badge">{me.role}</span>
          <button class="button button--quiet" type="button" onClick={() => void signOut()}>Sign out</button>
        </div>
      </header>
      <Page path={path} me={me} />
    </>
  );
}

function Page({ path, me }: { path: string; me: User }) {
  if (path === "/" || path === "/incidents") return <IncidentList canWrite={me.role !== "viewer"} isAdmin={me.role === "admin"} />;
  if (path === "/incidents/new") return <NewIncident />;
  if (path === "/actions") return <MyActions />;
  if (path === "/library") return <Library />;
  if (path === "/library/lessons") return <Lessons />;
  if (path === "/settings") return <Settings me={me} />;
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
