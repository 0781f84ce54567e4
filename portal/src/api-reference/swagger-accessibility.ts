// swagger-ui renders a second <main> (its operations) and an unlabelled server picker. The portal's page already
// has its main landmark, so this turns swagger-ui's into a labelled region, and names the picker; re-applied
// whenever swagger-ui re-renders (it does on every expand and "try it").

function fix(root: HTMLElement): void {
  for (const main of root.querySelectorAll("main")) {
    if (main.getAttribute("role") !== "region") {
      main.setAttribute("role", "region");
      main.setAttribute("aria-label", "Operations");
    }
  }
  for (const select of root.querySelectorAll("select#servers")) {
    if (!select.hasAttribute("aria-label")) select.setAttribute("aria-label", "Server");
  }
}

/** Keeps the fixes applied under `root`; returns the function that stops watching. */
export function keepSwaggerAccessible(root: HTMLElement): () => void {
  fix(root);
  const observer = new MutationObserver(() => fix(root));
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
