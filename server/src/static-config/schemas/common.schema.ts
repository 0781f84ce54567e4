import { z } from "zod";

/** Ids of groups, plans, APIs, chat targets: what may appear in URLs and file names. */
export const idSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    "must be 1–63 lowercase letters, digits, '-' or '_', starting with a letter or digit",
  );

export const textSchema = z.string().trim().min(1, "must not be empty");

/** Markdown text; may be empty. */
export const markdownSchema = z.string().default("");

export const httpUrlSchema = z.url({
  protocol: /^https?$/,
  error: "must be an absolute http:// or https:// URL",
});

/** A public base URL: http(s), no query or fragment; trailing slashes are removed. */
export const publicUrlSchema = httpUrlSchema
  .refine((url) => !/[?#]/.test(url), "must not contain a query or a fragment")
  .transform((url) => url.replace(/\/+$/, ""));

/** A file inside the API's folder, e.g. `openapi.yaml`; never absolute, never outside the folder. */
export const relativeFileSchema = z
  .string()
  .min(1)
  .refine(
    (file) => !file.startsWith("/") && !file.includes("\\") && file.split("/").every((part) => part !== ".."),
    "must be a path relative to the API folder, without '..'",
  );

/** Plugins whose configuration the portal derives from `auth` and subscriptions; they cannot be set by hand. */
export const managedPlugins = ["key-auth", "oauth2", "acl"] as const;

export const gatewayPluginSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be a gateway plugin name such as rate-limiting"),
  config: z.record(z.string(), z.unknown()).default({}),
});

/** Gateway (Kong) plugins; each name at most once, managed plugins refused. */
export const gatewayPluginsSchema = z
  .array(gatewayPluginSchema)
  .default([])
  .superRefine((plugins, context) => {
    const seen = new Set<string>();
    plugins.forEach((plugin, index) => {
      if ((managedPlugins as readonly string[]).includes(plugin.name)) {
        context.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `plugin ${plugin.name} is managed by the portal (from the API's auth); remove it`,
        });
      }
      if (seen.has(plugin.name)) {
        context.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `plugin ${plugin.name} is listed twice`,
        });
      }
      seen.add(plugin.name);
    });
  });

/** A list whose entries must be unique (the message names the duplicate). */
export function uniqueList<T extends z.ZodType<string>>(item: T, what: string) {
  return z
    .array(item)
    .default([])
    .superRefine((values, context) => {
      values.forEach((value, index) => {
        if (values.indexOf(value) !== index) {
          context.addIssue({ code: "custom", path: [index], message: `${what} "${value}" is listed twice` });
        }
      });
    });
}
