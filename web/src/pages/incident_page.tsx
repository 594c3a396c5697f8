import { useMemo } from "preact/hooks";
import { startLoading, take } from "../prefetch";
import { Link } from "../components/link";
import { Loading, Problem } from "../components/status";
import type { Account, AudienceMembership, EventImport, Incident, IncidentPageData, Participant, User } from "../types";
import { useLoad } from "../use_load";
import { AccountEditor } from "./account_editor";
import { AccountsView } from "./accounts_view";
import { IncidentOverview } from "./incident_overview";
import { ReviewRecords } from "./review_records";
import { PulseCard } from "./pulse_card";
import { TimelineView } from "./timeline_view";
import { LintIncident } from "../components/prose_input";
import { PublishPanel } from "./publish_panel";
import { ReviewComments } from "./review_comments";
import { ReviewWorkflow } from "./review_workflow";

export type IncidentTab = "overview" | "account" | "accounts" | "timeline" | "review";

interface Data {
  incident: Incident;
  participants: Participant[];
  accounts: Account[];
  imports: EventImport[];
  audiences: AudienceMembership[];
}

function paths(key: string) {
  const base = `/incidents/${encodeURIComponent(key)}`;
  return { page: `${base}/page`, timeline: `${base}/timeline` };
}

// One request: the incident, its people, the accounts the reader may see, its imports and who
// was in which audience.
async function load(key: string): Promise<Data> {
  const page = await take<IncidentPageData>(paths(key).page);
  return { incident: page.incident, participants: page.participants.items, accounts: page.accounts.items, imports: page.imports.items, audiences: page.audiences.items };
}

export function IncidentPage({ incidentKey, tab, me }: { incidentKey: string; tab: IncidentTab; me: User }) {
  // Everything this page shows starts loading in the same moment, timeline included.
  useMemo(() => {
    const path = paths(incidentKey);
    startLoading([path.page, ...(tab === "timeline" ? [path.timeline] : [])]);
  }, [incidentKey]);
  const loaded = useLoad(() => load(incidentKey), incidentKey);
  const base = `/incidents/${encodeURIComponent(incidentKey)}`;
  const tabs: { id: IncidentTab; label: string; href: string }[] = [
    { id: "overview", label: "Overview", href: base },
    { id: "account", label: "My account", href: `${base}/account` },
    { id: "accounts", label: "Accounts", href: `${base}/accounts` },
    { id: "timeline", label: "Timeline", href: `${base}/timeline` },
    { id: "review", label: "Review", href: `${base}/review` },
  ];
  const data = loaded.data;
  return (
    <LintIncident.Provider value={incidentKey}>
    <main class="page" id="main">
      {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
      {!data && loaded.loading && <Loading what="the incident" />}
      {data && (
        <header class="incident-header">
          <p class="incident-header__key">{data.incident.key}</p>
          <h1>{data.incident.title}</h1>
          <p class="incident-row__meta">
            <span class={`badge badge--${data.incident.severity.toLowerCase()}`}>{data.incident.severity}</span>
            <span class={`badge badge--status-${data.incident.status}`}>{data.incident.status}</span>
            {data.incident.kind === "near_miss" && <span class="badge badge--near-miss">near miss</span>}
            {data.incident.review_status !== "none" && <span class="badge">review: {data.incident.review_status.replace(/_/g, " ")}</span>}
            {data.incident.review_overdue && <span class="badge badge--overdue">review overdue since {data.incident.review_due_on}</span>}
            {data.incident.services.map((service) => <span class="tag">{service}</span>)}
          </p>
        </header>
      )}
      {data && me.role === "viewer" && (
        <p class="alert alert--info" role="note">
          Anonymised view: people appear by their role in this incident, never by name, so the review reads as what happened and why.
        </p>
      )}
      {data && (
        <nav class="tabs" aria-label="Incident sections">
          {tabs.map((item) => (
            <Link href={item.href} class={`tabs__tab${tab === item.id ? " tabs__tab--current" : ""}`} aria-current={tab === item.id ? "page" : undefined}>
              {item.label}
            </Link>
          ))}
        </nav>
      )}
      {data && tab === "overview" && (
        <IncidentOverview incident={data.incident} participants={data.participants} canWrite={me.role !== "viewer"}
          accountCount={data.accounts.length}
          onChange={(updated) => loaded.set({ ...data, incident: updated })} onPeopleChange={loaded.reload} />
      )}
      {data && tab === "account" && (
        <AccountEditor incident={data.incident} me={me} accounts={data.accounts} onAccountsChange={loaded.reload} />
      )}
      {data && tab === "accounts" && (
        <AccountsView incidentKey={data.incident.key} participants={data.participants} me={me} />
      )}
      {data && tab === "review" && (
        <>
          <ReviewWorkflow incident={data.incident} me={me} onChange={loaded.reload} />
          <PublishPanel incident={data.incident} canWrite={me.role !== "viewer"} onPublished={loaded.reload} />
          <ReviewRecords incident={data.incident} participants={data.participants} canWrite={me.role !== "viewer"} />
          <PulseCard incident={data.incident} />
          <ReviewComments incidentKey={data.incident.key} me={me} />
        </>
      )}
      {/* Rendered from the start, in one place, so its data loads in parallel with the incident's
          (two round trips, not three) and survives the incident arriving. */}
      {tab === "timeline" && loaded.error === undefined && (
        <div key="timeline" hidden={!data}>
          <TimelineView incidentKey={incidentKey} participants={data?.participants ?? []} incident={data?.incident}
            imports={data?.imports}
            audiences={data?.audiences}
            canWrite={me.role !== "viewer"}
            myAccountId={data?.accounts.find((account) => account.author_id === me.id)?.id}
            myUserId={me.id}
            onAccountsChange={loaded.reload}
            onIncidentChange={(updated) => data && loaded.set({ ...data, incident: updated })} />
        </div>
      )}
    </main>
    </LintIncident.Provider>
  );
}
