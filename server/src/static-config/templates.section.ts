import type { z } from "zod";
import type { LoadContext } from "./load-context.js";
import { readStructuredFile } from "./load-context.js";
import type { Located } from "./located.js";
import { chatTemplateSchema, emailTemplateSchema } from "./schemas/template.schema.js";
import {
  chatTemplateVariables,
  defaultLocale,
  emailTemplateNames,
  emailTemplateVariables,
  localePattern,
  type ChatEvent,
  type EmailTemplateName,
} from "./template-catalog.js";
import { findPlaceholders } from "./template-placeholders.js";
import { validateObject } from "./validate-object.js";

type EmailTemplateValue = z.output<typeof emailTemplateSchema>;
type ChatTemplateValue = z.output<typeof chatTemplateSchema>;

export interface TemplatesSection {
  readonly email: ReadonlyMap<EmailTemplateName, ReadonlyMap<string, Located<Partial<EmailTemplateValue>>>>;
  readonly chat: ReadonlyMap<ChatEvent, Located<Partial<ChatTemplateValue>>>;
}

const structuredSuffix = /\.(yaml|yml|json)$/;

/**
 * Reads `templates/email/<name>.<locale>.yaml` and `templates/chat/<event>.yaml` and checks their placeholders.
 * Any other file in those two folders (say, a `.mustache` file from wicked) is a problem; `.md` notes are not.
 */
export function readTemplatesSection(context: LoadContext): TemplatesSection {
  const email = new Map<EmailTemplateName, Map<string, Located<Partial<EmailTemplateValue>>>>();
  const chat = new Map<ChatEvent, Located<Partial<ChatTemplateValue>>>();
  for (const file of context.files.keys()) {
    if (file.startsWith("templates/email/")) readEmailTemplate(context, file, email);
    else if (file.startsWith("templates/chat/")) readChatTemplate(context, file, chat);
  }
  for (const name of emailTemplateNames) {
    if (!email.get(name)?.has(defaultLocale)) {
      context.problems.push({
        file: `templates/email/${name}.${defaultLocale}.yaml`,
        path: "",
        message: `file not found (every email template needs an "${defaultLocale}" variant)`,
      });
    }
  }
  return { email, chat };
}

function readEmailTemplate(
  context: LoadContext,
  file: string,
  email: Map<EmailTemplateName, Map<string, Located<Partial<EmailTemplateValue>>>>,
) {
  const base = file.slice("templates/email/".length);
  const match = /^([a-z0-9-]+)\.([A-Za-z-]+)\.(yaml|yml|json)$/.exec(base);
  if (!match || base.includes("/")) {
    if (!file.endsWith(".md"))
      context.problems.push({ file, path: "", message: "expected templates/email/<name>.<locale>.yaml" });
    return;
  }
  const [, name = "", locale = ""] = match;
  if (!(name in emailTemplateVariables)) {
    context.problems.push({
      file,
      path: "",
      message: `unknown email template "${name}" (known: ${emailTemplateNames.join(", ")})`,
    });
    return;
  }
  if (!localePattern.test(locale)) {
    context.problems.push({ file, path: "", message: `"${locale}" is not a locale such as en, de or pt-BR` });
    return;
  }
  const known =
    email.get(name as EmailTemplateName) ?? new Map<string, Located<Partial<EmailTemplateValue>>>();
  email.set(name as EmailTemplateName, known);
  if (known.has(locale)) {
    context.problems.push({
      file,
      path: "",
      message: `another file already defines template ${name}.${locale}`,
    });
    return;
  }
  const reporter = readStructuredFile(context, file, { prefix: `templates.email.${name}.${locale}` });
  // Registered even when unparseable (its problems are reported), so it does not also count as missing.
  const located = { value: {}, reporter, path: [] };
  known.set(locale, located);
  if (reporter.source.data === undefined) return;
  located.value = validateObject(emailTemplateSchema, reporter.source.data, reporter);
  checkPlaceholders(located, emailTemplateVariables[name as EmailTemplateName]);
}

function readChatTemplate(
  context: LoadContext,
  file: string,
  chat: Map<ChatEvent, Located<Partial<ChatTemplateValue>>>,
) {
  const base = file.slice("templates/chat/".length);
  if (!structuredSuffix.test(base) || base.includes("/")) {
    if (!file.endsWith(".md"))
      context.problems.push({ file, path: "", message: "expected templates/chat/<event>.yaml" });
    return;
  }
  const event = base.replace(structuredSuffix, "");
  if (!(event in chatTemplateVariables)) {
    const events = Object.keys(chatTemplateVariables).join(", ");
    context.problems.push({ file, path: "", message: `unknown chat event "${event}" (known: ${events})` });
    return;
  }
  if (chat.has(event as ChatEvent)) {
    context.problems.push({
      file,
      path: "",
      message: `another file already defines the chat template ${event}`,
    });
    return;
  }
  const reporter = readStructuredFile(context, file, { prefix: `templates.chat.${event}` });
  const located = { value: {}, reporter, path: [] };
  chat.set(event as ChatEvent, located);
  if (reporter.source.data === undefined) return;
  located.value = validateObject(chatTemplateSchema, reporter.source.data, reporter);
  checkPlaceholders(located, chatTemplateVariables[event as ChatEvent]);
}

/** Every `{{placeholder}}` must be a variable the code supplies for this template. */
export function checkPlaceholders(
  template: Located<Partial<Record<string, string>>>,
  allowed: readonly string[],
) {
  for (const [field, text] of Object.entries(template.value)) {
    if (typeof text !== "string") continue;
    const { placeholders, errors } = findPlaceholders(text);
    for (const error of errors) template.reporter.report([...template.path, field], error);
    for (const placeholder of placeholders) {
      if (!allowed.includes(placeholder.name)) {
        template.reporter.report(
          [...template.path, field],
          `unknown placeholder {{${placeholder.name}}} (available: ${allowed.join(", ")})`,
        );
      }
    }
  }
}
