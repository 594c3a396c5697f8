// The "someone changed this while you were editing" dialog (a 412 from the server): their
// changes are kept, fields only you changed are added to theirs (conflict.ts merges), and for
// each field you both changed you choose which version to keep. Nothing is lost silently: the
// other way out reloads their version explicitly.
import { useLayoutEffect, useRef, useState } from "preact/hooks";

export interface ConflictView<T extends object> {
  mine: T; // What the person tried to save.
  theirs: T; // What is saved now.
  merged: T; // Theirs, with the fields only the person changed.
  fields: (keyof T)[]; // Changed by both, to different values.
}

export function ConflictDialog<T extends object>({ conflict, label, show, onResolve, onReload }: {
  conflict: ConflictView<T>;
  label?: (field: keyof T) => string;
  show?: (field: keyof T, value: unknown) => string;
  onResolve: (values: T) => void;
  onReload: () => void;
}) {
  const [choices, setChoices] = useState<{ [field: string]: "mine" | "theirs" }>({});
  const dialog = useRef<HTMLDivElement>(null);
  // Focus moves into the dialog, so keyboard and screen reader users meet it at once.
  // Before the browser paints the dialog, so focus is in it from the moment it shows.
  useLayoutEffect(() => dialog.current?.focus(), []);
  const resolved = { ...conflict.merged };
  for (const field of conflict.fields) {
    if ((choices[String(field)] ?? "mine") === "mine") resolved[field] = conflict.mine[field];
  }
  const name = (field: keyof T) => (label ? label(field) : String(field).replace(/_/g, " "));
  const text = (field: keyof T, value: unknown) =>
    show ? show(field, value) : value === null || value === undefined || value === "" ? "(empty)" : String(value);
  return (
    <div class="dialog-backdrop">
      <div class="card dialog" role="alertdialog" aria-modal="true" aria-labelledby="conflict-title" aria-describedby="conflict-text"
        tabIndex={-1} ref={dialog}>
        <h2 id="conflict-title">Someone changed this while you were editing</h2>
        <p id="conflict-text">
          Their changes are kept. {conflict.fields.length
            ? "You both changed the fields below: choose which version to keep."
            : "Your changes touch other fields and can be added to theirs."}
        </p>
        {conflict.fields.map((field) => (
          <fieldset class="conflict-field">
            <legend>{name(field)}</legend>
            <label><input type="radio" name={`choice-${String(field)}`} checked={(choices[String(field)] ?? "mine") === "mine"}
              onChange={() => setChoices({ ...choices, [String(field)]: "mine" })} /> Yours: {text(field, conflict.mine[field])}</label>
            <label><input type="radio" name={`choice-${String(field)}`} checked={choices[String(field)] === "theirs"}
              onChange={() => setChoices({ ...choices, [String(field)]: "theirs" })} /> Theirs: {text(field, conflict.theirs[field])}</label>
          </fieldset>
        ))}
        <div class="form__actions">
          <button class="button button--primary" type="button" onClick={() => onResolve(resolved)}>Save merged version</button>
          <button class="button" type="button" onClick={onReload}>Discard mine and reload</button>
        </div>
      </div>
    </div>
  );
}
