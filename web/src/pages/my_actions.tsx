import { api } from "../api";
import { Link } from "../components/link";
import { Empty, Loading, Problem } from "../components/status";
import type { ActionAcross } from "../types";
import { useLoad } from "../use_load";

type MyAction = ActionAcross;

// Action items owned by the signed-in person, across incidents: overdue first, then by due date.
export function MyActions() {
  const loaded = useLoad(() => api.get<{ items: MyAction[] }>("/actions?owner=me"), "mine");
  const open = (loaded.data?.items ?? [])
    .filter((action) => action.status === "open" || action.status === "in_progress")
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.due_on ?? "9999").localeCompare(b.due_on ?? "9999"));
  const finished = (loaded.data?.items ?? []).filter((action) => !open.includes(action));
  return (
    <main class="page page--narrow" id="main">
      <h1>My action items</h1>
      {loaded.loading && !loaded.data && <Loading what="your action items" />}
      {loaded.error !== undefined && <Problem error={loaded.error} retry={loaded.reload} />}
      {loaded.data && open.length === 0 && (
        <Empty title="Nothing open is assigned to you.">
          <p>Action items are added on an incident's Review tab, each with an owner. The ones you own appear here, overdue first.</p>
        </Empty>
      )}
      {open.length > 0 && (
        <ul class="records__list" aria-label="Open action items">
          {open.map((action) => (
            <li class="card record">
              <div class="record__body">
                <p class="record__title"><Link href={`/incidents/${action.incident}/review`}>{action.title}</Link></p>
                <p class="record__meta">
                  <span class="key">{action.incident}</span>
                  <span class="tag">{action.priority}</span>
                  <span>{action.status.replace("_", " ")}</span>
                  {action.due_on && <span class={action.overdue ? "overdue" : ""}>{action.overdue ? "Overdue since" : "Due"} {action.due_on}</span>}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      {finished.length > 0 && (
        <>
          <h2>Finished</h2>
          <ul class="records__list" aria-label="Finished action items">
            {finished.map((action) => (
              <li class="record"><span>{action.title}</span><span class="muted">{action.status.replace("_", " ")} · {action.incident}</span></li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
