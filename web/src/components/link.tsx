import type { ComponentChildren, JSX } from "preact";
import { navigate } from "../router";

type Props = JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children: ComponentChildren };

// An <a> that routes on the client, and still opens in a new tab with a modifier key.
export function Link({ href, children, ...rest }: Props) {
  return (
    <a
      {...rest}
      href={href}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
