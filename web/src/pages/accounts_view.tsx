// Everyone's accounts, to read: each account the reader may see (the server lists only those:
// shared with the incident's people, released to the review, or the reader's own), with its
// author, its narrative in the author's own words and its moments. Read-only: an account is only
// ever changed by its author, on "My account".
import { api } from "../api";
import { Link } from "../components/link";
import { Markdown } from "../components/markdown";
import { Empty, Loading, Problem, Time } from "../components/status";
import type { Account, Entry, Participant, User, Visibility } from "../types";
import { useLoad } from "../use_load";

const kVisibilityText: { [visibility in Visibility]: string } = {
  private: "private",
  shared: "shared with the people in this incident",
  in_review: "released to the review",
  withdrawn: "withdrawn",
};

const kEntryFields: { field: "did" | "saw" | "expected" | "assumed" | "looking_at"; label: string }[] = [
  { field: "did", label: "Did" },
  { field: "saw", label: "Saw" },
  { field: "expected", label: "Expected" },
  { field: "assumed", label: "Assumed" },
  { field: "looking_at", label: "Looking at" },
];

export function AccountsView({ incidentKey, participants, me }: {
  incidentKey: string;
  participants: Participant[];
  me: User;
}) {
  // Loaded fresh rather than taken from the incident page: the reader's own narrative may have
  // been edited on "My account" since the page loaded.
  const accounts = useLoad(
    () => api.get<{ items: Account[] }>(`/incidents/${encodeURIComponent(incidentKey)}/accounts`),
    `accounts-${incidentKey}`,
  );
  const authorOf = (account: Account) =>
    participants.find((participant) => participant.id === account.participant_id);

  if (accounts.loading && !accounts.data) return <Loading what="the accounts" />;
  if (accounts.error !== undefined) return <Problem error={accounts.error} retry={accounts.reload} />;
  const items = accounts.data?.items ?? [];
  return (
    <section class="accounts" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      <p class="muted">
        What happened as each person saw it, in their own words. You see the accounts shared with you or released to the
        review; only their authors can change them.
      </p>
      {items.length === 0 && (
        <Empty title="No account you can read yet.">
          {me.role === "viewer" ? (
            <p>Accounts appear here once their authors release them to the review.</p>
          ) : (
            <p>
              Accounts appear here once their authors share them. Add the people involved on
              the <Link href={`/incidents/${encodeURIComponent(incidentKey)}`}>Overview</Link> and ask them to write theirs,
              or <Link href={`/incidents/${encodeURIComponent(incidentKey)}/account`}>write your own</Link>.
            </p>
          )}
        </Empty>
      )}
      {items.map((account) => (
        <AccountCard account={account} author={authorOf(account)} mine={account.author_id === me.id} />
      ))}
    </section>
  );
}

function AccountCard({ account, author, mine }: { account: Account; author: Participant | undefined; mine: boolean }) {
  const titleId = `account-${account.id}-title`;
  const moments = [...account.entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <article class="card account-card" aria-labelledby={titleId}>
      <header class="account-card__header">
        <h3 id={titleId}>{author?.name ?? "Someone"}{mine && <span class="muted"> (you)</span>}</h3>
        {author && <span class="muted">{author.role.replace(/_/g, " ")}</span>}
        <span class={`badge badge--visibility-${account.visibility}`}>{kVisibilityText[account.visibility]}</span>
      </header>
      {account.narrative.trim()
        ? <Markdown text={account.narrative} class="account-card__narrative" />
        : <p class="muted">No narrative written.</p>}
      {moments.length > 0 && (
        <>
          <h4 class="account-card__moments-title">Moments</h4>
          <ol class="account-card__moments">
            {moments.map((entry) => <Moment entry={entry} />)}
          </ol>
        </>
      )}
    </article>
  );
}

function Moment({ entry }: { entry: Entry }) {
  return (
    <li class="moment">
      <p class="moment__when">
        <Time iso={entry.at} />
        {entry.uncertainty_minutes ? <span class="muted"> ± {entry.uncertainty_minutes} min</span> : null}
      </p>
      <dl class="moment__fields">
        {kEntryFields.filter(({ field }) => entry[field].trim() !== "").map(({ field, label }) => (
          <div>
            <dt>{label}</dt>
            <dd>{entry[field]}</dd>
          </div>
        ))}
      </dl>
    </li>
  );
}
