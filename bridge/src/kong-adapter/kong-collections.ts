import type { KongKind } from "./kong-objects.js";

/** Where each kind lives in the Admin API: the top-level collection (listing, ids) and the nested one (creates). */
export const collections: Readonly<Record<KongKind, { readonly path: string; readonly nested?: string }>> = {
  service: { path: "/services" },
  route: { path: "/routes" },
  consumer: { path: "/consumers" },
  plugin: { path: "/plugins" },
  keyauth: { path: "/key-auths", nested: "key-auth" },
  oauth2: { path: "/oauth2", nested: "oauth2" },
  acl: { path: "/acls", nested: "acls" },
};
