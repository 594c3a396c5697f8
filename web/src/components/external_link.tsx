import type { ComponentChildren } from "preact";
import { isSafeLink } from "../links";

// A link out of debrief: opened in a new tab, telling the other site nothing about where it came
// from and giving it no handle on this page. An address that is not a safe web address (see
// isSafeLink) is shown as the text it is, so a stored `javascript:` value can never run.
export function ExternalLink({ url, class: className, children }: {
  url: string;
  class?: string;
  children?: ComponentChildren;
}) {
  const content = children ?? url;
  if (!isSafeLink(url)) return <span class={className ? `${className} unsafe-link` : "unsafe-link"}>{content}</span>;
  return (
    <a class={className} href={url} rel="noreferrer noopener" target="_blank">
      {content}
    </a>
  );
}
