import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import { Link } from "../components/link";
import { Markdown } from "../components/markdown";
import { Empty, Loading, Problem, Time } from "../components/status";
import { navigate, useLocation } from "../router";
import type { LessonItem, LibraryHit, LibrarySearchResult as SearchPage, PulseSummary, SnippetPart, ValueCount as FacetCount } from "../types";
import { useLoad } from "../use_load";

export type { LibraryHit, SnippetPart } from "../types";

const kFacets: { name: keyof SearchPage["facets"]; label: string }[] = [
  { name: "severity", label: "Severity" },
  { name: "service", label: "Service" },
  { name: "factor_category", label: "Contributing factor" },
  { name: "tag", label: "Tag" },
];
const kPageSize = 20;

export function Label(value: string): string {
  return value.replace(/_/g, " ");
}

// Where in a review a snippet comes from, as the review page names its sections.
const kSectionLabels: { [section: string]: string } = {
  title: "Title",
  summary: "Summary",
  accounts: "Accounts",
  timeline: "Timeline",
  decisions: "Decisions and work as done",
  factors: "Contributing factors",
  lessons: "Lessons",
  actions: "Action items",
};

// A search result's snippet: matched words marked, everything else plain text (never HTML).
export function Snippet({ section, parts }: { section: string; parts: SnippetPart[] }) {
  return (
    <p class="snippet">
      <span class="snippet__section">{kSectionLabels[section] ?? Label(section)}</span>
      {parts.map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}
    </p>
  );
}

export function HitCard({ hit }: { hit: LibraryHit }) {
  return (
    <li class="card record library-hit">
      <div class="record__body">
        <p class="record__title">
          <span class="key">{hit.key}</span> <Link href={`/incidents/${hit.key}`}>{hit.title}</Link>
        </p>
        <p class="record__meta">
          <span class="tag">{hit.severity}</span>
          {hit.services.map((service) => <span class="tag">{service}</span>)}
          <span>Published <Time iso={hit.published_at} /></span>
          {hit.version > 1 && <span>version {hit.version}</span>}
        </p>
        {hit.snippets.length > 0
          ? hit.snippets.map((snippet) => <Snippet section={snippet.section} parts={snippet.parts} />)
          : hit.summary && <Markdown text={hit.summary} class="snippet" />}
      </div>
    </li>
  );
}

// The library: every published review, searchable, with filters that show how many results each
// choice gives. The address holds the search, so a result list can be shared and reloaded.
export function Library() {
  const { query } = useLocation();
  const search = query.toString();
  const [text, setText] = useState(query.get("q") ?? "");
  useEffect(() => setText(query.get("q") ?? ""), [search]);
  const loaded = useLoad(() => api.get<SearchPage>(`/library/search?${search}`), search);
  // The review pulse over every review: how the reviews land with the people in them.
  const pulse = useLoad(() => api.get<PulseSummary>("/pulse"), "pulse");
  const onThisDay = useLoad(
    () => api.get<{ items: LibraryHit[] }>("/library/on-this-day"),
    "on-this-day",
  );

  function go(change: (params: URLSearchParams) => void) {
    const params = new URLSearchParams(search);
    change(params);
    params.delete("offset");
    for (const [name, value] of [...params.entries()]) if (value === "") params.delete(name);
    navigate(`/library${params.toString() ? `?${params}` : ""}`);
  }

  function toggle(facet: string, value: string) {
    go((params) => {
      const chosen = new Set((params.get(facet) ?? "").split(",").filter(Boolean));
      if (chosen.has(value)) chosen.delete(value);
      else chosen.add(value);
      params.set(facet, [...chosen].join(","));
    });
  }

  const page = loaded.data;
  const offset = Number(query.get("offset") ?? "0");
  const searching = query.get("q") !== null && query.get("q") !== "";
  return (
    <main class="page" id="main">
      <header class="page__header">
        <h1>Library</h1>
        <Link href="/library/lessons">Lessons</Link>
      </header>
      <form
        class="library-search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          go((params) => params.set("q", text.trim()));
        }}
      >
        <label class="visually-hidden" for="library-q">Search published reviews</label>
        <input
          id="library-q"
          type="search"
          value={text}
          placeholder={'Search reviews: words, "a phrase", -leave-out, prefix*'}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <select
          aria-label="Order"
          value={query.get("sort") ?? "relevance"}
          onChange={(event) => go((params) => params.set("sort", event.currentTarget.value))}
        >
          <option value="relevance">Best match</option>
          <option value="newest">Newest</option>
        </select>
        <button class="button" type="submit">Search</button>
      </form>
      {page?.anonymised && (
        <p class="alert alert--info" role="note">You are reading the anonymised library: people are shown by their role.</p>
      )}
      <div class="library">
        <aside class="library__filters" aria-label="Filters">
          {kFacets.map(({ name, label }) => {
            const chosen = new Set((query.get(name) ?? "").split(",").filter(Boolean));
            const counts = page?.facets[name] ?? [];
            if (counts.length === 0) return null;
            return (
              <fieldset class="facet">
                <legend>{label}</legend>
                {counts.slice(0, 12).map((count) => (
                  <label class="facet__value">
                    <input type="checkbox" checked={chosen.has(count.value)} onChange={() => toggle(name, count.value)} />
                    <span>{Label(count.value)}</span>
                    <span class="facet__count">{count.count}</span>
                  </label>
                ))}
              </fieldset>
            );
          })}
          <fieldset class="facet">
            <legend>Started</legend>
            <label class="facet__date">From <input type="date" value={query.get("from") ?? ""} onChange={(event) => go((params) => params.set("from", event.currentTarget.value))} /></label>
            <label class="facet__date">To <input type="date" value={query.get("to") ?? ""} onChange={(event) => go((params) => params.set("to", event.currentTarget.value))} /></label>
          </fieldset>
        </aside>
        <section class="library__results" aria-label="Results">
          {loaded.loading && !page && <Loading what="the library" />}
          {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
          {page && (
            <p class="muted" aria-live="polite">
              {page.total === 0 ? "No published review matches." : `${page.total} published review${page.total === 1 ? "" : "s"}`}
              {page.total > page.limit && ` · ${page.offset + 1}–${Math.min(page.total, page.offset + page.items.length)}`}
            </p>
          )}
          {page && page.total === 0 && !searching && (
            <Empty title="Nothing is published yet.">
              <p>Published reviews appear here for everyone to search and learn from. To publish one, open its incident's Review tab: once the incident is resolved (and the review approved, where its severity asks for that), press Publish.</p>
            </Empty>
          )}
          {page && page.items.length > 0 && (
            <ol class="records__list" aria-label="Published reviews">
              {page.items.map((hit) => <HitCard hit={hit} />)}
            </ol>
          )}
          {page && page.total > kPageSize && (
            <nav class="pager" aria-label="Pages">
              <button class="button button--quiet" type="button" disabled={offset === 0}
                onClick={() => navigate(`/library?${withOffset(search, Math.max(0, offset - kPageSize))}`)}>Previous</button>
              <button class="button button--quiet" type="button" disabled={offset + kPageSize >= page.total}
                onClick={() => navigate(`/library?${withOffset(search, offset + kPageSize)}`)}>Next</button>
            </nav>
          )}
          {!searching && (onThisDay.data?.items.length ?? 0) > 0 && (
            <section aria-label="On this day">
              <h2>On this day in earlier years</h2>
              <ol class="records__list">
                {onThisDay.data!.items.map((hit) => <HitCard hit={hit} />)}
              </ol>
            </section>
          )}
          {!searching && pulse.data && pulse.data.responses > 0 && (
            <section aria-label="Review pulse" class="pulse">
              <h2>How reviews land</h2>
              <p class="muted">
                {pulse.data.responses} answer{pulse.data.responses === 1 ? "" : "s"} from {pulse.data.reviews} review{pulse.data.reviews === 1 ? "" : "s"}, counted, never per person.
              </p>
              {pulse.data.counts && (
                <dl class="pulse__counts">
                  {pulse.data.questions.map((question) => (
                    <div key={question.name}>
                      <dt>{question.text}</dt>
                      <dd>{question.answers.map((answer) => `${answer}: ${pulse.data?.counts?.[question.name as "learned" | "again"]?.[answer] ?? 0}`).join(" · ")}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </section>
          )}
        </section>
      </div>
    </main>
  );
}

function withOffset(search: string, offset: number): string {
  const params = new URLSearchParams(search);
  if (offset > 0) params.set("offset", String(offset));
  else params.delete("offset");
  return params.toString();
}

// Lessons of every published review, credited to the people who wrote them, by theme.
export function Lessons() {
  const { query } = useLocation();
  const search = query.toString();
  const [text, setText] = useState(query.get("q") ?? "");
  const loaded = useLoad(
    () => api.get<{ total: number; items: LessonItem[]; themes: FacetCount[] }>(`/library/lessons?${search}`),
    search,
  );
  const theme = query.get("theme");
  function go(change: (params: URLSearchParams) => void) {
    const params = new URLSearchParams(search);
    change(params);
    for (const [name, value] of [...params.entries()]) if (value === "") params.delete(name);
    navigate(`/library/lessons${params.toString() ? `?${params}` : ""}`);
  }
  return (
    <main class="page page--narrow" id="main">
      <header class="page__header">
        <h1>Lessons</h1>
        <Link href="/library">Library</Link>
      </header>
      <form class="library-search" role="search" onSubmit={(event) => { event.preventDefault(); go((params) => params.set("q", text.trim())); }}>
        <label class="visually-hidden" for="lessons-q">Search lessons</label>
        <input id="lessons-q" type="search" value={text} placeholder="Search lessons" onInput={(event) => setText(event.currentTarget.value)} />
        <button class="button" type="submit">Search</button>
      </form>
      {loaded.data && loaded.data.themes.length > 0 && (
        <nav class="themes" aria-label="Themes">
          <button type="button" class="chip" aria-pressed={theme === null} onClick={() => go((params) => params.delete("theme"))}>All</button>
          {loaded.data.themes.map((count) => (
            <button type="button" class="chip" aria-pressed={theme === count.value}
              onClick={() => go((params) => params.set("theme", count.value))}>
              {Label(count.value)} <span class="facet__count">{count.count}</span>
            </button>
          ))}
        </nav>
      )}
      {loaded.loading && !loaded.data && <Loading what="lessons" />}
      {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
      {loaded.data && loaded.data.items.length === 0 && (search
        ? <Empty title="No lesson matches." />
        : (
          <Empty title="No lessons yet.">
            <p>Lessons of published reviews appear here, credited to the people who saw them. They are written on an incident's Review tab.</p>
          </Empty>
        ))}
      {loaded.data && loaded.data.items.length > 0 && (
        <ul class="records__list" aria-label="Lessons">
          {loaded.data.items.map((lesson) => (
            <li class="card record">
              <div class="record__body">
                <p class="record__title">{lesson.title}</p>
                <Markdown text={lesson.body} />
                <p class="record__meta">
                  {lesson.authors.length > 0 && <span>By {lesson.authors.join(", ")}</span>}
                  <span>From <Link href={`/incidents/${lesson.key}`}>{lesson.key}: {lesson.incident_title}</Link></span>
                  {lesson.themes.map((value) => <span class="tag">{Label(value)}</span>)}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}

// Published reviews like this incident, for its overview.
export function RelatedReviews({ incidentKey }: { incidentKey: string }) {
  const loaded = useLoad(
    () => api.get<{ items: LibraryHit[] }>(`/incidents/${encodeURIComponent(incidentKey)}/related`),
    `related-${incidentKey}`,
  );
  if (!loaded.data || loaded.data.items.length === 0) return null;
  return (
    <section class="related" aria-label="Related reviews">
      <h2>Related reviews</h2>
      <ul class="records__list">
        {loaded.data.items.map((hit) => (
          <li class="record">
            <span class="key">{hit.key}</span> <Link href={`/incidents/${hit.key}`}>{hit.title}</Link>
            <span class="muted"> · {hit.services.join(", ")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
