import type { ComponentChildren } from "preact";

interface Props {
  id: string;
  label: string;
  error?: string;
  hint?: ComponentChildren;
  // Takes a whole row of a form grid (long text, checklists) instead of one column.
  wide?: boolean;
  children: ComponentChildren;
}

// A labelled form control with its hint and its error message beside it, wired for screen
// readers (the input names this block's ids in aria-describedby). The hint sits between the
// label and the control, where it is read before typing, and so that controls side by side in a
// form grid line up whatever their hints say (the grid gives every field the same rows).
export function Field({ id, label, error, hint, wide, children }: Props) {
  return (
    <div class={`field${wide ? " field--wide" : ""}${error ? " field--invalid" : ""}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p class="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function describedBy(id: string, error?: string, hint?: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}
