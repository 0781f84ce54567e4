/**
 * Splits `---\n<yaml>\n---\n<markdown>`; blank lines before the markdown are dropped. `lineOffset` is the
 * number of lines before the YAML (1), so YAML line numbers can be turned into file line numbers.
 * `undefined` when the text does not start with front matter.
 */
export function splitFrontMatter(
  text: string,
): { frontMatter: string; body: string; lineOffset: number } | undefined {
  const match = /^---[ \t]*\r?\n/.exec(text);
  if (!match) return undefined;
  const rest = text.slice(match[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!close) return undefined;
  return {
    frontMatter: rest.slice(0, close.index),
    body: rest.slice(close.index + close[0].length).replace(/^(?:[ \t]*\r?\n)+/, ""),
    lineOffset: 1,
  };
}
