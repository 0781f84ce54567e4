import type { MarkdownIt, RendererRule } from "markdown-it";

/**
 * A markdown-it plugin for every rendered link: `rel="noopener noreferrer"` (a linked page gets neither a handle on
 * the portal's window nor the portal URL as referrer) and no `target` attribute (links open where the reader
 * chooses; `target=_blank` is what makes `window.opener` attacks possible in the first place).
 */
export function linkAttributes(md: MarkdownIt): void {
  const fallback: RendererRule = (tokens, index, options, _env, self) =>
    self.renderToken(tokens, index, options);
  const previous = md.renderer.rules.link_open ?? fallback;
  md.renderer.rules.link_open = (tokens, index, options, env, self) => {
    const token = tokens[index];
    if (token) {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== "target" && name !== "rel");
      token.attrSet("rel", "noopener noreferrer");
    }
    return previous(tokens, index, options, env, self);
  };
}
