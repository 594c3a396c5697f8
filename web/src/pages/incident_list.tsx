import { useState } from "preact/hooks";
import { api } from "../api";
import { Link } from "../components/link";
import { Empty, Loading, Problem, Time } from "../components/status";
import { navigate, useLocation } from "../router";
import { formatDuration } from "../time";
import type { Incident, Page } from "../types";
import { useLoad } from "../use_load";

const kStatuses = ["investigating", "mitigated", "resolved"];
const kSeverities = ["SEV1", "SEV2", "SEV3", "SEV4"];
type Sort = "newest" | "oldest" | "severity";

export function IncidentList({ canWrite, isAdmin }: { canWrite: boolean; isAdmin?: boolean }) {
  const { query } = useLocation();
  const [text, setText] = useState(query.get("q") ?? "");
  const [sort, setSort] = useState<Sort>("newest");
  const params = new URLSearchParams();
  for (const name of ["status", "kind", "severity", "service", "q", "cursor"]) {
    const value = query.get(name);
    if (value) params.set(name, value);
  }
  const filtered = ["q", "status", "kind", "severity", "service"].some((name) => params.has(name));
  params.set("limit", "25");
  const page = useLoad(() => api.get<Page<Incident>>(`/incidents?${params}`), params.toString());

  function setFilter(name: string, value: string) {
    const next = new URLSearchParams(location.search);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("cursor");
    navigate(`/?${next}`, { replace: true });
  }

  const incidents = [...(page.data?.items ?? [])].sort((a, b) => {
    if (sort === "oldest") return a.id - b.id;
    if (sort === "severity") return a.severity.localeCompare(b.severity) || b.id - a.id;
    return b.id - a.id;
  });

  return (
    <main class="page" id="main">
      <header class="page__header">
        <h1>Incidents</h1>
        {canWrite && (
          <div class="page__actions">
            <Link class="button" href="/incidents/import">Import past postmortems</Link>
            <Link class="button button--primary" href="/incidents/new">
              New incident
            </Link>
          </div>
        )}
      </header>
      <form class="filters" role="search" onSubmit={(event) => { event.preventDefault(); setFilter("q", text.trim()); }}>
        <label class="visually-hidden" for="search">Search incidents</label>
        <input id="search" type="search" placeholder="Search titles, summaries, keys…" value={text}
          onInput={(event) => setText(event.currentTarget.value)} />
        <label class="visually-hidden" for="filter-status">Status</label>
        <select id="filter-status" value={query.get("status") ?? ""} onChange={(event) => setFilter("status", event.currentTarget.value)}>
          <option value="">Any status</option>
          {kStatuses.map((status) => <option value={status}>{status}</option>)}
        </select>
        <label class="visually-hidden" for="filter-kind">Kind</label>
        <select id="filter-kind" value={query.get("kind") ?? ""} onChange={(event) => setFilter("kind", event.currentTarget.value)}>
          <option value="">Incidents and near misses</option>
          <option value="incident">Incidents</option>
          <option value="near_miss">Near misses</option>
        </select>
        <label class="visually-hidden" for="filter-severity">Severity</label>
        <select id="filter-severity" value={query.get("severity") ?? ""} onChange={(event) => setFilter("severity", event.currentTarget.value)}>
          <option value="">Any severity</option>
          {kSeverities.map((severity) => <option value={severity}>{severity}</option>)}
        </select>
        <label class="visually-hidden" for="filter-service">Service</label>
        <input id="filter-service" placeholder="Service" value={query.get("service") ?? ""}
          onChange={(event) => setFilter("service", event.currentTarget.value.trim())} />
        <label class="visually-hidden" for="sort">Sort</label>
        <select id="sort" value={sort} onChange={(event) => setSort(event.currentTarget.value as Sort)}>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
          <option value="severity">Most severe first</option>
        </select>
        <button class="button" type="submit">Search</button>
      </form>
      {page.loading && !page.data && <Loading what="incidents" />}
      {page.error !== undefined && <Problem error={page.error} retry={page.reload} />}
      {page.data && incidents.length === 0 && (filtered ? (
        <Empty title="No incident matches these filters.">
          <button class="button" type="button" onClick={() => { setText(""); navigate("/"); }}>Clear the filters</button>
        </Empty>
      ) : (
        <Empty title="No incidents yet.">
          {canWrite ? (
            <>
              <p>Open an incident when something goes wrong, or to review one that already did: give it a title and a severity, then ask the people involved to write their accounts.</p>
              <Link class="button button--primary" href="/incidents/new">Open an incident</Link>
              {isAdmin && <p class="muted">To look around first, add the example incident on the server with <code>debrief demo</code> (<code>make run</code> adds it for you).</p>}
            </>
          ) : (
            <p>Incidents appear here once someone opens one. Published reviews are in the <Link href="/library">Library</Link>.</p>
          )}
        </Empty>
      ))}
      {incidents.length > 0 && (
        <ul class="incident-list" aria-label="Incidents">
          {incidents.map((incident) => (
            <li class="card incident-row">
              <div class="incident-row__main">
                <Link class="incident-row__title" href={`/incidents/${incident.key}`}>
                  <span class="key">{incident.key}</span> {incident.title}
                </Link>
                <p class="incident-row__meta">
                  <span class={`badge badge--${incident.severity.toLowerCase()}`}>{incident.severity}</span>
                  <span class={`badge badge--status-${incident.status}`}>{incident.status}</span>
                  {incident.kind === "near_miss" && <span class="badge badge--near-miss">near miss</span>}
                  {incident.restricted && <span class="badge badge--restricted" title="Only its people and named readers can see it">restricted</span>}
                  {incident.services.map((service) => <span class="tag">{service}</span>)}
                </p>
              </div>
              <dl class="incident-row__times">
                <div><dt>Started</dt><dd><Time iso={incident.started_at} /></dd></div>
                <div><dt>Resolved in</dt><dd>{formatDuration(incident.metrics.time_to_resolve_seconds)}</dd></div>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <nav class="pager" aria-label="Pages">
        {query.get("cursor") && (
          <button class="button" type="button" onClick={() => history.back()}>
            Newer
          </button>
        )}
        {page.data?.next_cursor && (
          <button class="button" type="button" onClick={() => setFilter("cursor", page.data?.next_cursor ?? "")}>
            Older
          </button>
        )}
      </nav>
    </main>
  );
}
