// Who was in which group that events reached (a chat channel, an alert receiver, a PagerDuty
// incident) and when: what "what could someone know?" counts as reaching a person. Imports fill
// in what their source says (a Slack channel's members, whom PagerDuty paged); the rest is set
// here by hand (whom an Alertmanager receiver paged, who was on call), for the span they were in it.
import { useMemo, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { fromLocalInput } from "../time";
import type { AudienceMembership, OnCallImportResult, Participant, TimelineItem } from "../types";
import { Time } from "../components/status";
import { useLoad } from "../use_load";

export function audienceLabel(audience: string): string {
  const colon = audience.indexOf(":");
  const [kind, name] = colon < 0 ? ["", audience] : [audience.slice(0, colon), audience.slice(colon + 1)];
  if (kind === "channel") return `${name} (chat channel)`;
  if (kind === "receiver") return `${name} (alert receiver)`;
  if (kind === "pagerduty") return `PagerDuty incident ${name}`;
  return audience;
}

function sourceLabel(membership: AudienceMembership): string {
  if (membership.set_by_hand) return "set by hand";
  if (membership.source.startsWith("import:slack:")) return "from the Slack export";
  if (membership.source.startsWith("import:pagerduty:")) return "from the PagerDuty log";
  if (membership.source.startsWith("import:oncall:")) return "on call, from the on-calls file";
  return "from an import";
}

export function AudiencesPanel({ incidentKey, initial, reloadKey, items, participants, canWrite, published, onChanged }: {
  incidentKey: string;
  // The memberships as the incident's page payload brought them; read again only after an import.
  initial: AudienceMembership[];
  reloadKey: number;
  items: TimelineItem[];
  participants: Participant[];
  canWrite?: boolean;
  published?: boolean;
  // After a change: the timeline's knowledge is read again.
  onChanged: () => void;
}) {
  const path = `/incidents/${encodeURIComponent(incidentKey)}/audiences`;
  const loaded = useLoad(
    () => (reloadKey === 0 ? Promise.resolve({ items: initial }) : api.get<{ items: AudienceMembership[] }>(path)),
    `${path}:${reloadKey}`);
  const [adding, setAdding] = useState<Record<string, { participant: string; since: string; until: string }>>({});
  const [failure, setFailure] = useState("");
  const [notice, setNotice] = useState("");
  const [busy, setBusy] = useState(false);
  const memberships = loaded.data?.items;

  // The groups events reached, with how many each (counted once per timeline, which may be
  // long), and those only memberships name.
  const reached = useMemo(() => {
    const counted = new Map<string, number>();
    for (const item of items) {
      for (const audience of item.event?.visible_to ?? []) {
        if (!audience.startsWith("participant:")) counted.set(audience, (counted.get(audience) ?? 0) + 1);
      }
    }
    return counted;
  }, [items]);
  if (memberships === undefined) return null;
  const counts = new Map(reached);
  for (const membership of memberships) if (!counts.has(membership.audience)) counts.set(membership.audience, 0);
  if (counts.size === 0) return null;
  const nameOf = (id: number) => participants.find((participant) => participant.id === id)?.name ?? "a former participant";

  async function save(audience: string, members: { participant_id: number; since: string | null; until: string | null }[]) {
    setBusy(true);
    setFailure("");
    try {
      loaded.set(await api.put<{ items: AudienceMembership[] }>(path, { audience, members }, undefined));
      setAdding({ ...adding, [audience]: { participant: "", since: "", until: "" } });
      onChanged();
    } catch (reason) {
      setFailure(`Who was in ${audienceLabel(audience)} was not saved. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
    } finally {
      setBusy(false);
    }
  }
  async function importOnCalls(audience: string, file: File) {
    setBusy(true);
    setFailure("");
    setNotice("");
    try {
      const result = await api.post<OnCallImportResult>(`${path}/oncalls`, { audience, content: await file.text() });
      loaded.set({ items: result.items });
      const strangers = result.people_not_participants;
      setNotice(`${result.added} on-call ${result.added === 1 ? "span" : "spans"} of this incident's people read into ${audienceLabel(audience)}.` +
        (strangers.length ? ` On call but not in the incident: ${strangers.join(", ")} (add them as participants and read the file again).` : "") +
        (result.later_levels ? ` ${result.later_levels} on a later escalation level left out: they were paged only if the first did not answer.` : ""));
      onChanged();
    } catch (reason) {
      setFailure(`${file.name} was not read. ${reason instanceof ApiError ? reason.detail : "The server did not answer."}`);
    } finally {
      setBusy(false);
    }
  }
  const byHand = (audience: string) => memberships
    .filter((membership) => membership.audience === audience && membership.set_by_hand)
    .map((membership) => ({ participant_id: membership.participant_id, since: membership.since, until: membership.until }));

  return (
    <section class="card audiences" aria-labelledby="audiences-title">
      <h3 id="audiences-title">Who could see what</h3>
      <p class="muted">
        An event that reached a group counts as known to its members from when they joined it. Imports say who was in a
        channel or paged by PagerDuty; say here whom an alert receiver paged or who was on call.
      </p>
      {failure && <p class="alert alert--error" role="alert">{failure}</p>}
      {notice && <p class="alert alert--info" role="status">{notice}</p>}
      <ul class="audiences__list">
        {[...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([audience, count]) => {
          const members = memberships.filter((membership) => membership.audience === audience);
          const form = adding[audience] ?? { participant: "", since: "", until: "" };
          const setForm = (change: Partial<typeof form>) => setAdding({ ...adding, [audience]: { ...form, ...change } });
          const id = `audience-${[...counts.keys()].indexOf(audience)}`;
          return (
            <li class="audiences__group" key={audience}>
              <strong>{audienceLabel(audience)}</strong> <span class="muted">({count.toLocaleString()} {count === 1 ? "event" : "events"})</span>
              {members.length === 0 ? (
                <p class="audiences__none">Nobody is known to have been in it, so what reached it counts for no one yet.</p>
              ) : (
                <ul>
                  {members.map((membership) => (
                    <li key={membership.id}>
                      {nameOf(membership.participant_id)}
                      {membership.since ? <>, from <Time iso={membership.since} /></> : ", from the start"}
                      {membership.until && <> until <Time iso={membership.until} /></>}
                      {" "}<span class="muted">({sourceLabel(membership)})</span>
                      {canWrite && !published && membership.set_by_hand && (
                        <>{" "}<button class="button button--quiet" type="button" disabled={busy}
                          onClick={() => void save(audience, byHand(audience).filter((member) =>
                            !(member.participant_id === membership.participant_id && member.since === membership.since)))}>
                          Remove
                        </button></>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {canWrite && !published && participants.length > 0 && (
                <form class="audiences__add" onSubmit={(event) => {
                  event.preventDefault();
                  if (!form.participant) return;
                  void save(audience, [...byHand(audience), {
                    participant_id: Number(form.participant),
                    since: fromLocalInput(form.since),
                    until: fromLocalInput(form.until),
                  }]);
                }}>
                  <label for={`${id}-who`}>Add</label>
                  <select id={`${id}-who`} value={form.participant} onChange={(event) => setForm({ participant: event.currentTarget.value })}>
                    <option value="">Someone…</option>
                    {participants.map((participant) => <option value={String(participant.id)}>{participant.name}</option>)}
                  </select>
                  <label for={`${id}-since`}>from</label>
                  <input id={`${id}-since`} type="datetime-local" value={form.since} onInput={(event) => setForm({ since: event.currentTarget.value })} />
                  <label for={`${id}-until`}>until</label>
                  <input id={`${id}-until`} type="datetime-local" value={form.until} onInput={(event) => setForm({ until: event.currentTarget.value })} />
                  <button class="button" type="submit" disabled={busy || !form.participant}>Add to {audienceLabel(audience)}</button>
                </form>
              )}
              {canWrite && !published && !audience.startsWith("channel:") && !audience.startsWith("pagerduty:") && (
                <p class="audiences__oncall">
                  <label for={`${id}-oncall`}>Who was on call, from PagerDuty's on-calls (the answer of GET /oncalls)</label>{" "}
                  <input id={`${id}-oncall`} type="file" accept=".json,application/json" disabled={busy}
                    onChange={(event) => {
                      const file = event.currentTarget.files?.[0];
                      if (file) void importOnCalls(audience, file);
                      event.currentTarget.value = "";
                    }} />
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
