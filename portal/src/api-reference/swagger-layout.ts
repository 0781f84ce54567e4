// swagger-ui's own layout wraps the operations in a <main>, a second main landmark next to the portal's, and
// shows a server picker without a label. This layout plugin renders the same parts the portal needs (errors, the
// Authorize button, the operations) in plain containers; the server is the gateway the portal injected.

type Element = unknown;
interface ReactLike {
  createElement(type: unknown, props?: Record<string, unknown> | null, ...children: Element[]): Element;
}
interface LayoutProps {
  readonly getComponent: (name: string, container?: boolean) => unknown;
}

export const PORTAL_LAYOUT = "PortalLayout";

/** A swagger-ui plugin that adds {@link PORTAL_LAYOUT}; pass it in `plugins` and its name as `layout`. */
export function portalLayoutPlugin(system: { React: ReactLike }): { components: Record<string, unknown> } {
  const h = (type: unknown, props?: Record<string, unknown> | null, ...children: Element[]): Element =>
    system.React.createElement(type, props, ...children);
  const PortalLayout = ({ getComponent }: LayoutProps): Element =>
    h(
      "div",
      { className: "swagger-ui" },
      h(getComponent("SvgAssets")),
      h(getComponent("errors", true)),
      h("div", { className: "scheme-container" }, h(getComponent("AuthorizeBtnContainer", true))),
      h("div", { className: "operations-container" }, h(getComponent("operations", true))),
    );
  return { components: { [PORTAL_LAYOUT]: PortalLayout } };
}
