import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A person a built-in listener sends a message to." })
export class MessageRecipient {
  @Field(() => ID, { description: "The user's id." })
  userId: string;

  @Field(() => String, { description: "The user's e-mail address." })
  email: string;

  @Field(() => String, { description: "The user's display name." })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: "The profile's `locale` (e.g. `de`, `pt-BR`); null means the default, `en`.",
  })
  locale: string | null;
}

@ObjectType({ description: "One locale's variant of an e-mail template of the static configuration." })
export class EmailTemplateVariant {
  @Field(() => String, { description: "The template id, e.g. `verify-email`." })
  template: string;

  @Field(() => String, { description: "The locale, e.g. `en` or `de`." })
  locale: string;

  @Field(() => String, { description: "The subject, with `{{placeholders}}`." })
  subject: string;

  @Field(() => String, { description: "The plain-text part, with `{{placeholders}}`." })
  text: string;

  @Field(() => String, {
    nullable: true,
    description: "The HTML part (values are HTML-escaped, except `{{{raw}}}`); null for text-only mails.",
  })
  html: string | null;
}

@ObjectType({ description: "The chat template of an event of the static configuration." })
export class ChatTemplateText {
  @Field(() => String, { description: "The chat event, e.g. `approval-requested`." })
  event: string;

  @Field(() => String, { nullable: true, description: "Optional headline, with `{{placeholders}}`." })
  title: string | null;

  @Field(() => String, { description: "The message, with `{{placeholders}}`." })
  text: string;
}

@ObjectType({
  description: "A chat target of the static configuration (`portal.chatbot.targets`), for the chatbot.",
})
export class ChatTargetSetting {
  @Field(() => ID, { description: "The target id, e.g. `ops-slack`; the recipient of its ledger entries." })
  id: string;

  @Field(() => String, {
    description: "`slack`, `mattermost`, `rocketchat`, `teams`, `discord` or `generic`: the payload format.",
  })
  type: string;

  @Field(() => String, {
    description:
      "The NAME of the environment variable of the chatbot that holds the secret webhook URL (never the URL).",
  })
  urlVariable: string;

  @Field(() => [String], { description: "The chat events it receives, e.g. `approval-requested`." })
  events: string[];

  @Field(() => [ChatTemplateText], {
    description: "Its own templates by event; for the other events the shared `chatTemplates` apply.",
  })
  templates: ChatTemplateText[];
}

@ObjectType({
  description: "What the mailer and the chatbot need from the static configuration to render messages.",
})
export class MessagingSettings {
  @Field(() => String, { description: "`portal.title`." })
  portalTitle: string;

  @Field(() => String, { description: "`portal.company`." })
  company: string;

  @Field(() => String, {
    description: "`portal.urls.portal` without a trailing slash; links in messages start with it.",
  })
  portalUrl: string;

  @Field(() => String, { description: "`portal.mailer.from`, the sender of mails." })
  mailFrom: string;

  @Field(() => String, { nullable: true, description: "`portal.mailer.replyTo`; null when not set." })
  mailReplyTo: string | null;

  @Field(() => [EmailTemplateVariant], { description: "Every e-mail template in every locale." })
  emailTemplates: EmailTemplateVariant[];

  @Field(() => [ChatTemplateText], { description: "Every configured chat template." })
  chatTemplates: ChatTemplateText[];

  @Field(() => [ChatTargetSetting], { description: "Every chat target, in configuration order." })
  chatTargets: ChatTargetSetting[];
}

@ObjectType({ description: "A webhook listener, as an alert about it shows it." })
export class MessageListener {
  @Field(() => ID, { description: "The listener id." })
  id: string;

  @Field(() => String, { description: "The URL events are pushed to." })
  url: string;

  @Field(() => Int, { description: "Failed deliveries in a row." })
  consecutiveFailures: number;

  @Field(() => String, { nullable: true, description: "The last delivery error; null when there was none." })
  lastError: string | null;
}
