import type { ComponentChildren } from "preact";

interface Props {
  id: string;
  label: string;
  error?: string;
  hint?: ComponentChildren;
  children: ComponentChildren;
}

// A labelled form control with its hint and its error message beside it, wired for screen
// readers (the input names this block's ids in aria-describedby).
export function Field({ id, label, error, hint, children }: Props) {
  return (
    <div class={`field${error ? " field--invalid" : ""}`}>
      <label for={id}>{label}</label>
      {children}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
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
