// Review comments: questions and suggestions anchored to a section of the review or to one of its
// records (a timeline event, a factor, an action…), answered in threads and marked resolved when
// settled. A comment's words are its author's; anyone writing may resolve it.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "../api";
import { Field } from "../components/field";
import { Markdown } from "../components/markdown";
import { ProseInput } from "../components/prose_input";
import { Time } from "../components/status";
import { useLocation } from "../router";
import type { Comment, User } from "../types";
import { useLoad } from "../use_load";

interface Target {
  anchor: string;
  label: string;
}

const kSections: Target[] = [
  { anchor: "section:general", label: "The review as a whole" },
  { anchor: "section:summary", label: "Summary" },
  { anchor: "section:impact", label: "Impact" },
  { anchor: "section:accounts", label: "Accounts" },
  { anchor: "section:timeline", label: "Timeline" },
  { anchor: "section:decisions", label: "Decision points" },
  { anchor: "section:factors", label: "Contributing factors" },
  { anchor: "section:work_as_done", label: "Work as imagined and as done" },
  { anchor: "section:actions", label: "Action items" },
  { anchor: "section:lessons", label: "Lessons" },
];

// Records people comment on, with the field that names each.
const kRecordKinds: { collection: string; kind: string; noun: string; field: string }[] = [
  { collection: "events", kind: "event", noun: "Timeline event", field: "text" },
  { collection: "decisions", kind: "decision", noun: "Decision", field: "choice" },
  { collection: "factors", kind: "factor", noun: "Factor", field: "text" },
  { collection: "actions", kind: "action", noun: "Action", field: "title" },
  { collection: "lessons", kind: "lesson", noun: "Lesson", field: "title" },
];

const shorten = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

async function loadTargets(base: string): Promise<Target[]> {
  const lists = await Promise.all(kRecordKinds.map((kind) =>
    api.get<{ items: { id: number; [field: string]: unknown }[] }>(`${base}/${kind.collection}`)));
  const records = lists.flatMap((list, index) => list.items.map((record) => ({
    anchor: `${kRecordKinds[index].kind}:${record.id}`,
    label: `${kRecordKinds[index].noun}: ${shorten(String(record[kRecordKinds[index].field] ?? ""))}`,
  })));
  return [...kSections, ...records];
}

function Thread({ comment, replies, me, base, onChange }: {
  comment: Comment; replies: Comment[]; me: User; base: string; onChange: () => void;
}) {
  const canWrite = me.role !== "viewer";
  const [replying, setReplying] = useState(false);
  const [reply, setReply] = useState("");
  const [error, setError] = useState("");
  async function act(run: () => Promise<unknown>) {
    setError("");
    try {
      await run();
      setReply("");
      setReplying(false);
      onChange();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason.detail : "That did not work; try again.");
    }
  }
  const path = (id: number) => `${base}/comments/${id}`;
  const one = (item: Comment) => (
    // Its id is what links to it (a mention's notification opens …/review#comment-12).
    <div class="comment__body" id={`comment-${item.id}`}>
      <p class="comment__meta"><strong>{item.author}</strong> · <Time iso={item.created_at} /></p>
      <Markdown text={item.body} class="comment__text" />
      {canWrite && item.author_id === me.id && (
        <button type="button" class="button button--quiet" onClick={() => void act(() => api.remove(path(item.id), item.version))}>
          Delete
        </button>
      )}
    </div>
  );
  return (
    <li class={`comment${comment.resolved ? " comment--resolved" : ""}`}>
      {one(comment)}
      {replies.length > 0 && <ul class="comment__replies">{replies.map((item) => <li>{one(item)}</li>)}</ul>}
      {error && <p class="alert alert--error" role="alert">{error}</p>}
      {canWrite && (
        <div class="form__actions">
          <button type="button" class="button button--quiet" onClick={() => setReplying(!replying)}>Reply</button>
          <button type="button" class="button button--quiet"
            onClick={() => void act(() => api.patch(path(comment.id), { resolved: !comment.resolved }, comment.version))}>
            {comment.resolved ? "Reopen" : "Resolve"}
          </button>
        </div>
      )}
      {replying && (
        <form class="comment__reply" aria-label="Reply" onSubmit={(event) => {
          event.preventDefault();
          void act(() => api.post(`${base}/comments`, { reply_to: comment.id, body: reply }));
        }}>
          <ProseInput id={`reply-${comment.id}`} value={reply} onValue={setReply} rows={2} />
          <div class="form__actions"><button class="button button--primary" type="submit" disabled={!reply.trim()}>Reply</button></div>
        </form>
      )}
    </li>
  );
}

export function ReviewComments({ incidentKey, me }: { incidentKey: string; me: User }) {
  const base = `/incidents/${encodeURIComponent(incidentKey)}`;
  const load = useLoad(async () => {
    const [comments, targets] = await Promise.all([
      api.get<{ items: Comment[] }>(`${base}/comments`), loadTargets(base)]);
    return { comments: comments.items, targets };
  }, incidentKey);
  const [anchor, setAnchor] = useState("section:general");
  const [body, setBody] = useState("");
  const [showResolved, setShowResolved] = useState(false);
  const [error, setError] = useState<ApiError | undefined>();
  const { hash } = useLocation();
  // A link to a comment in a resolved thread shows the resolved ones, so that it is there.
  useEffect(() => {
    const linked = /^#comment-(\d+)$/.exec(hash);
    if (!linked || !load.data) return;
    const comments = load.data.comments;
    const comment = comments.find((candidate) => candidate.id === Number(linked[1]));
    const thread = comment?.reply_to ? comments.find((candidate) => candidate.id === comment.reply_to) : comment;
    if (thread?.resolved) setShowResolved(true);
  }, [load.data, hash]);
  if (!load.data) return null;
  const { comments, targets } = load.data;
  const labels = new Map(targets.map((target) => [target.anchor, target.label]));
  const threads = comments.filter((comment) => comment.reply_to === null && (showResolved || !comment.resolved));
  const resolvedCount = comments.filter((comment) => comment.reply_to === null && comment.resolved).length;
  const anchors = [...new Set(threads.map((comment) => comment.anchor))];

  async function add(event: Event) {
    event.preventDefault();
    try {
      await api.post(`${base}/comments`, { anchor, body });
      setBody("");
      setError(undefined);
      load.reload();
    } catch (reason) {
      setError(reason instanceof ApiError ? reason : undefined);
    }
  }

  return (
    <section class="card comments" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {!threads.length && (
        <p class="muted">No open comments.{me.role !== "viewer" && " Ask a question or leave a note below, about the whole review or one part of it."}</p>
      )}
      {anchors.map((where) => (
        <div class="comments__group">
          <h3>{labels.get(where) ?? where}</h3>
          <ul class="comments__list">
            {threads.filter((comment) => comment.anchor === where).map((comment) => (
              <Thread comment={comment} replies={comments.filter((reply) => reply.reply_to === comment.id)}
                me={me} base={base} onChange={load.reload} />
            ))}
          </ul>
        </div>
      ))}
      {resolvedCount > 0 && (
        <button type="button" class="button button--quiet" onClick={() => setShowResolved(!showResolved)}>
          {showResolved ? "Hide resolved comments" : `Show ${resolvedCount} resolved`}
        </button>
      )}
      {me.role !== "viewer" && (
        <form class="comments__new" aria-label="New comment" onSubmit={add}>
          <Field id="comment-anchor" label="About">
            <select id="comment-anchor" value={anchor} onChange={(event) => setAnchor(event.currentTarget.value)}>
              {targets.map((target) => <option value={target.anchor}>{target.label}</option>)}
            </select>
          </Field>
          <Field id="comment-body" label="Comment" hint="Markdown." error={error?.forField("body")}>
            <ProseInput id="comment-body" value={body} onValue={setBody} rows={3} describedBy="comment-body-hint" />
          </Field>
          {error && !error.forField("body") && <p class="alert alert--error" role="alert">{error.detail}</p>}
          <div class="form__actions">
            <button class="button button--primary" type="submit" disabled={!body.trim()}>Add comment</button>
          </div>
        </form>
      )}
    </section>
  );
}
