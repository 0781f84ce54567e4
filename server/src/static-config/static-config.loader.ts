import path from "node:path";
import type { Environment } from "../runtime-config/environment.js";
import { readApisSection } from "./apis.section.js";
import { readConfigFiles } from "./config-files.js";
import { computeConfigHash } from "./config-hash.js";
import { StaticConfigError } from "./config-problem.js";
import { readContentSection } from "./content.section.js";
import { checkCrossReferences, type Sections } from "./cross-references.js";
import { deepFreeze } from "./deep-freeze.js";
import { readListSection } from "./list-section.js";
import type { LoadContext } from "./load-context.js";
import { readPortalSection } from "./portal.section.js";
import { groupSchema, groupsFileSchema } from "./schemas/groups.schema.js";
import { planSchema, plansFileSchema } from "./schemas/plans.schema.js";
import type { PortalSettingsInput } from "./schemas/portal.schema.js";
import type { Api, ContentPage, EmailTemplate, StaticConfig } from "./static-config.types.js";
import { readTemplatesSection } from "./templates.section.js";

/**
 * Loads and validates a static configuration directory (see docs/static-config.md). `${VAR}` references are
 * filled from `env`. Every problem in every file is collected; if there is any, a {@link StaticConfigError}
 * lists them all. Only reads the directory; never writes anything.
 */
export async function loadStaticConfig(dir: string, env: Environment): Promise<StaticConfig> {
  const absolute = path.resolve(dir);
  const { files, problems } = await readConfigFiles(absolute);
  if (problems.some((problem) => problem.file === ".")) throw new StaticConfigError(absolute, problems);
  const context: LoadContext = { files, env, used: new Map(), problems };
  const sections: Sections = {
    portal: readPortalSection(context),
    groups: readListSection(context, "groups", groupsFileSchema, groupSchema, "group"),
    plans: readListSection(context, "plans", plansFileSchema, planSchema, "plan"),
    apis: readApisSection(context),
    content: readContentSection(context),
    templates: readTemplatesSection(context),
  };
  checkCrossReferences(sections);
  if (problems.length > 0 || !sections.portal) throw new StaticConfigError(absolute, problems);
  return deepFreeze(assemble(sections, absolute, computeConfigHash(files, context.used)));
}

/** Builds the result; only called without problems, so every partial value is complete. */
function assemble(sections: Sections, dir: string, hash: string): StaticConfig {
  const apis = sections.apis.apis.map(({ value, description, openapi }): Api => {
    const { descriptionFile: _file, openapi: _entry, ...definition } = value;
    return {
      ...(definition as Omit<Api, "description" | "openapi">),
      description: description ?? "",
      openapi: openapi ?? null,
    };
  });
  const content = sections.content
    .map(({ value }) => value as ContentPage)
    .sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const email: Record<string, Record<string, EmailTemplate>> = {};
  for (const [name, locales] of sections.templates.email) {
    email[name] = Object.fromEntries(
      [...locales].map(([locale, template]) => [locale, template.value as EmailTemplate]),
    );
  }
  const chat = Object.fromEntries(
    [...sections.templates.chat].map(([event, template]) => [event, template.value]),
  );
  return {
    dir,
    hash,
    portal: sections.portal?.value as PortalSettingsInput,
    groups: sections.groups.items.map((group) => group.value as StaticConfig["groups"][number]),
    plans: sections.plans.items.map((plan) => plan.value as StaticConfig["plans"][number]),
    apis: apis.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    content,
    templates: {
      email: email as StaticConfig["templates"]["email"],
      chat,
    },
  };
}
