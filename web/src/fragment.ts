// Brings the element a URL's #fragment names (a review comment, an action item) into view and
// focus. Pages load their data after they mount, so it may appear a moment later: this waits
// for it, and scrolls again while the sections above it are still arriving, until the person
// scrolls, types or clicks themselves.
const kWaitMs = 10_000;
const kSettleMs = 2_000;
const kMarker = "data-fragment-target";

// Starts looking for the element `hash` names; returns what stops looking.
export function revealFragment(hash: string): () => void {
  let id = "";
  try {
    id = decodeURIComponent(hash.replace(/^#/, ""));
  } catch {
    return () => undefined;
  }
  if (!id) return () => undefined;
  let target: HTMLElement | null = null;
  let settle: ReturnType<typeof setTimeout> | undefined;
  const show = (element: HTMLElement) => element.scrollIntoView({ block: "center" });
  const observer = new MutationObserver(() => {
    if (target) {
      // Something above it arrived: keep it where the person was taken.
      if (target.isConnected) show(target);
      return;
    }
    find();
  });
  const interactions = ["wheel", "touchstart", "keydown", "mousedown"];
  const stop = () => {
    observer.disconnect();
    clearTimeout(giveUp);
    clearTimeout(settle);
    for (const name of interactions) removeEventListener(name, stop, true);
  };
  function find(): boolean {
    const element = document.getElementById(id);
    if (!element) return false;
    target = element;
    for (const previous of document.querySelectorAll(`[${kMarker}]`)) previous.removeAttribute(kMarker);
    element.setAttribute(kMarker, "");
    if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
    show(element);
    element.focus({ preventScroll: true });
    clearTimeout(giveUp);
    settle = setTimeout(stop, kSettleMs);
    return true;
  }
  const giveUp = setTimeout(stop, kWaitMs);
  for (const name of interactions) addEventListener(name, stop, true);
  observer.observe(document.body, { childList: true, subtree: true });
  find();
  return stop;
}
