/** Sets the document title of a page: "<page> · API portal". */
export function setPageTitle(page: string): void {
  document.title = `${page} · API portal`;
}
