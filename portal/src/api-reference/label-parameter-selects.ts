// swagger-ui's "try it" renders a <select> without a label for enum parameters; its row names the parameter
// (`tr[data-param-name]`). This names each such select after its parameter, again whenever swagger-ui re-renders.

function label(root: HTMLElement): void {
  for (const select of root.querySelectorAll("tr[data-param-name] select:not([aria-label])")) {
    const name = select.closest("tr")?.getAttribute("data-param-name");
    if (name) select.setAttribute("aria-label", `Value of ${name}`);
  }
}

/** Keeps the parameter selects under `root` labelled; returns the function that stops watching. */
export function labelParameterSelects(root: HTMLElement): () => void {
  label(root);
  const observer = new MutationObserver(() => label(root));
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
