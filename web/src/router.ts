// A small client-side router on the History API: the server answers every UI path with the app,
// and this picks the page.
import { useEffect, useState } from "preact/hooks";

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  dispatchEvent(new PopStateEvent("popstate"));
}

// `hash` is the #fragment, with its "#" ("" when there is none).
export function useLocation(): { path: string; query: URLSearchParams; hash: string } {
  const read = () => ({ path: location.pathname, query: new URLSearchParams(location.search), hash: location.hash });
  const [state, setState] = useState(read);
  useEffect(() => {
    const update = () => setState(read());
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return state;
}

// Parameters of `pattern` ("/incidents/:key/timeline") in `path`, or null when it does not match.
export function matchPath(pattern: string, path: string): { [name: string]: string } | null {
  const want = pattern.split("/").filter(Boolean);
  const have = path.split("/").filter(Boolean);
  if (want.length !== have.length) return null;
  const params: { [name: string]: string } = {};
  for (let index = 0; index < want.length; index++) {
    if (want[index].startsWith(":")) params[want[index].slice(1)] = decodeURIComponent(have[index]);
    else if (want[index] !== have[index]) return null;
  }
  return params;
}
