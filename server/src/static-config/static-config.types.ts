import type { z } from "zod";
import type { ApiFile } from "./schemas/api.schema.js";
import type { groupSchema } from "./schemas/groups.schema.js";
import type { planSchema } from "./schemas/plans.schema.js";
import type { PortalSettingsInput } from "./schemas/portal.schema.js";
import type { chatTemplateSchema, emailTemplateSchema } from "./schemas/template.schema.js";
import type { ChatEvent, EmailTemplateName } from "./template-catalog.js";

/** Readonly all the way down (the loaded configuration is also frozen at runtime). */
export type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends readonly (infer Item)[]
    ? readonly DeepReadonly<Item>[]
    : T extends object
      ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
      : T;

export type PortalSettings = DeepReadonly<PortalSettingsInput>;
export type ChatTarget = PortalSettings["chatbot"]["targets"][number];
export type Group = DeepReadonly<z.output<typeof groupSchema>>;
export type Plan = DeepReadonly<z.output<typeof planSchema>>;
export type GatewayPlugin = Plan["plugins"][number];

/** Where an API's OpenAPI (or Swagger 2) document comes from. */
export type OpenApiSource =
  | {
      readonly kind: "document";
      readonly file: string;
      readonly document: DeepReadonly<Record<string, unknown>>;
    }
  | { readonly kind: "url"; readonly url: string };

export type Api = DeepReadonly<
  Omit<ApiFile, "descriptionFile" | "openapi"> & {
    /** Markdown text of `descriptionFile`, or "" without one. */
    description: string;
    openapi: OpenApiSource | null;
  }
>;
export type ApiAuth = Api["auth"];
export type ApiRoute = Api["routes"][number];

export interface ContentPage {
  /** Path below `content/` without `.md`, e.g. `contact` or `guides/getting-started`. */
  readonly id: string;
  readonly title: string;
  readonly requiredGroup?: string;
  readonly order: number;
  /** Markdown after the front matter (never substituted). */
  readonly markdown: string;
}

export type EmailTemplate = DeepReadonly<z.output<typeof emailTemplateSchema>>;
export type ChatTemplate = DeepReadonly<z.output<typeof chatTemplateSchema>>;

export interface StaticConfig {
  /** Absolute path of the directory it was loaded from. */
  readonly dir: string;
  /** SHA-256 (hex) of the raw files plus the values of the `${VAR}`s they use; changes whenever the config does. */
  readonly hash: string;
  readonly portal: PortalSettings;
  /** In file order. */
  readonly groups: readonly Group[];
  /** In file order. */
  readonly plans: readonly Plan[];
  /** Sorted by id. */
  readonly apis: readonly Api[];
  /** Sorted by `order`, then id. */
  readonly content: readonly ContentPage[];
  readonly templates: {
    /** Template name → locale → template; every name has the `en` locale. */
    readonly email: Readonly<Record<EmailTemplateName, Readonly<Record<string, EmailTemplate>>>>;
    /** Chat event → template; present for every event a chatbot target uses (and any others configured). */
    readonly chat: Readonly<Partial<Record<ChatEvent, ChatTemplate>>>;
  };
}
