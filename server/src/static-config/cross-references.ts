import type { PathSegment } from "./config-path.js";
import type { ApisSection } from "./apis.section.js";
import type { LoadedPage } from "./content.section.js";
import { requiredPages } from "./content.section.js";
import type { ListSection } from "./list-section.js";
import type { KnownIds, Located } from "./located.js";
import { reportAt } from "./located.js";
import type { z } from "zod";
import type { groupSchema } from "./schemas/groups.schema.js";
import type { planSchema } from "./schemas/plans.schema.js";
import type { PortalSettingsInput } from "./schemas/portal.schema.js";
import { checkRouteConflicts } from "./route-conflicts.js";
import { chatTemplateVariables, type ChatEvent } from "./template-catalog.js";
import { checkPlaceholders, type TemplatesSection } from "./templates.section.js";

export interface Sections {
  readonly portal: Located<Partial<PortalSettingsInput>> | undefined;
  readonly groups: ListSection<z.output<typeof groupSchema>>;
  readonly plans: ListSection<z.output<typeof planSchema>>;
  readonly apis: ApisSection;
  readonly content: readonly LoadedPage[];
  readonly templates: TemplatesSection;
}

/** Checks that go across files: references to groups, plans and templates, and rules about combinations. */
export function checkCrossReferences(sections: Sections): void {
  checkGroups(sections);
  checkPortal(sections);
  for (const plan of sections.plans.items) {
    checkReference(plan, ["requiredGroup"], plan.value.requiredGroup, sections.groups.known, "group");
  }
  checkApis(sections);
  checkRouteConflicts(sections.apis.apis);
  for (const page of sections.content) {
    checkReference(page, ["requiredGroup"], page.value.requiredGroup, sections.groups.known, "group");
    if ((requiredPages as readonly string[]).includes(page.id) && page.value.requiredGroup !== undefined) {
      reportAt(page, ["requiredGroup"], "this page is linked for everyone and must not require a group");
    }
  }
}

function checkReference(
  located: Located<unknown>,
  path: readonly PathSegment[],
  id: string | undefined,
  known: KnownIds,
  what: string,
): void {
  if (id !== undefined && known.complete && !known.ids.has(id)) {
    const list = [...known.ids].sort().join(", ") || "none";
    reportAt(located, path, `unknown ${what} "${id}" (known: ${list})`);
  }
}

function checkGroups({ groups }: Sections): void {
  if (!groups.known.complete || !groups.reporter) return;
  if (!groups.items.some((group) => group.value.admin === true)) {
    groups.reporter.report(["groups"], "no group has admin: true; at least one admin group is needed");
  }
  const altOwner = new Map<string, string>();
  for (const group of groups.items) {
    (group.value.altIds ?? []).forEach((altId, index) => {
      const owner = altOwner.get(altId);
      if (owner !== undefined)
        reportAt(group, ["altIds", index], `"${altId}" is also an altId of group ${owner}`);
      else altOwner.set(altId, group.value.id ?? "?");
    });
  }
}

function checkPortal({ portal, groups, templates }: Sections): void {
  if (!portal) return;
  const { defaultGroup, profileFields, chatbot } = portal.value;
  checkReference(portal, ["defaultGroup"], defaultGroup, groups.known, "group");
  const group = groups.items.find((candidate) => candidate.value.id === defaultGroup);
  if (group?.value.admin || group?.value.approver) {
    reportAt(
      portal,
      ["defaultGroup"],
      "every verified user joins this group; it must not be an admin or approver group",
    );
  }
  profileFields?.forEach((field, index) => {
    if (profileFields.findIndex((other) => other.id === field.id) !== index) {
      reportAt(portal, ["profileFields", index, "id"], `profile field "${field.id}" is defined twice`);
    }
  });
  chatbot?.targets.forEach((target, index) => {
    if (chatbot.targets.findIndex((other) => other.id === target.id) !== index) {
      reportAt(portal, ["chatbot", "targets", index, "id"], `chat target "${target.id}" is defined twice`);
    }
    target.events.forEach((event, eventIndex) => {
      if (!templates.chat.has(event) && !target.templates?.[event]) {
        reportAt(
          portal,
          ["chatbot", "targets", index, "events", eventIndex],
          `no chat template for this event (add templates/chat/${event}.yaml or templates.${event} here)`,
        );
      }
    });
    for (const [event, template] of Object.entries(target.templates ?? {})) {
      const path = ["chatbot", "targets", index, "templates", event];
      if (!target.events.includes(event as ChatEvent))
        reportAt(portal, path, "a template for an event this target does not list in events");
      else if (template)
        checkPlaceholders(
          { value: template, reporter: portal.reporter, path: [...portal.path, ...path] },
          chatTemplateVariables[event as ChatEvent],
        );
    }
  });
}

function checkApis({ apis, plans, groups }: Sections): void {
  for (const api of apis.apis) {
    const { auth, requiredGroup, partner } = api.value;
    (api.value.plans ?? []).forEach((plan, index) => {
      checkReference(api, ["plans", index], plan, plans.known, "plan");
    });
    checkReference(api, ["requiredGroup"], requiredGroup, groups.known, "group");
    if (partner === true && requiredGroup === undefined) {
      reportAt(api, ["partner"], "a partner API needs requiredGroup (the partners who may see its details)");
    }
    if (auth?.type === "none" && (api.value.plans ?? []).length > 0) {
      reportAt(api, ["plans"], "an API without authentication has no subscriptions, so it cannot have plans");
    }
    if (auth && auth.type !== "none" && api.value.plans?.length === 0) {
      reportAt(api, ["plans"], "must list at least one plan (nobody could subscribe otherwise)");
    }
    if (auth?.type === "oauth2") {
      auth.scopes.forEach((scope, index) => {
        if (auth.scopes.findIndex((other) => other.id === scope.id) !== index) {
          reportAt(api, ["auth", "scopes", index, "id"], `scope "${scope.id}" is defined twice`);
        }
      });
    }
  }
}
