import { api } from "../api";
import { Link } from "../components/link";
import { Loading, Problem } from "../components/status";
import type { Account, Incident, Participant, User } from "../types";
import { useLoad } from "../use_load";
import { AccountEditor } from "./account_editor";
import { IncidentOverview } from "./incident_overview";
import { TimelineView } from "./timeline_view";

export type IncidentTab = "overview" | "account" | "timeline";

interface Data {
  incident: Incident;
  participants: Participant[];
  accounts: Account[];
}

// One round trip: the incident, its people and the accounts the reader may see, in parallel.
async function load(key: string): Promise<Data> {
  const [incident, participants, accounts] = await Promise.all([
    api.get<Incident>(`/incidents/${encodeURIComponent(key)}`),
    api.get<{ items: Participant[] }>(`/incidents/${encodeURIComponent(key)}/participants`),
    api.get<{ items: Account[] }>(`/incidents/${encodeURIComponent(key)}/accounts`),
  ]);
  return { incident, participants: participants.items, accounts: accounts.items };
}

export function IncidentPage({ incidentKey, tab, me }: { incidentKey: string; tab: IncidentTab; me: User }) {
  const loaded = useLoad(() => load(incidentKey), incidentKey);
  if (loaded.loading && !loaded.data) return <main class="page" id="main"><Loading what="the incident" /></main>;
  if (loaded.error !== undefined) return <main class="page" id="main"><Problem error={loaded.error} retry={loaded.reload} /></main>;
  const { incident, participants, accounts } = loaded.data!;
  const base = `/incidents/${incident.key}`;
  const tabs: { id: IncidentTab; label: string; href: string }[] = [
    { id: "overview", label: "Overview", href: base },
    { id: "account", label: "My account", href: `${base}/account` },
    { id: "timeline", label: "Timeline", href: `${base}/timeline` },
  ];
  return (
    <main class="page" id="main">
      <header class="incident-header">
        <p class="incident-header__key">{incident.key}</p>
        <h1>{incident.title}</h1>
        <p class="incident-row__meta">
          <span class={`badge badge--${incident.severity.toLowerCase()}`}>{incident.severity}</span>
          <span class={`badge badge--status-${incident.status}`}>{incident.status}</span>
          {incident.review_status !== "none" && <span class="badge">review: {incident.review_status.replace("_", " ")}</span>}
          {incident.services.map((service) => <span class="tag">{service}</span>)}
        </p>
      </header>
      <nav class="tabs" aria-label="Incident sections">
        {tabs.map((item) => (
          <Link href={item.href} class={`tabs__tab${tab === item.id ? " tabs__tab--current" : ""}`} aria-current={tab === item.id ? "page" : undefined}>
            {item.label}
          </Link>
        ))}
      </nav>
      {tab === "overview" && (
        <IncidentOverview incident={incident} participants={participants} canWrite={me.role !== "viewer"}
          onChange={(updated) => loaded.set({ ...loaded.data!, incident: updated })} />
      )}
      {tab === "account" && <AccountEditor incident={incident} me={me} accounts={accounts} onAccountsChange={loaded.reload} />}
      {tab === "timeline" && <TimelineView incident={incident} participants={participants} />}
    </main>
  );
}
