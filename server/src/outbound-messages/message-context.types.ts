/** A person a listener sends a message to. */
export interface MessageRecipient {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  /** The profile's `locale` (e.g. `de`, `pt-BR`) when it is a valid locale; null means the default (`en`). */
  readonly locale: string | null;
}

export interface EmailTemplateVariant {
  readonly template: string;
  readonly locale: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
}

export interface ChatTemplateText {
  readonly event: string;
  readonly title: string | null;
  readonly text: string;
}

/** A chat target of `portal.chatbot.targets`; its webhook URL stays in the chatbot's environment. */
export interface ChatTargetSetting {
  readonly id: string;
  readonly type: string;
  /** The NAME of the environment variable (of the chatbot) that holds the secret webhook URL. */
  readonly urlVariable: string;
  /** The chat events (templates) it receives. */
  readonly events: readonly string[];
  /** Its own templates (`templates` of the target); other events use the shared `chatTemplates`. */
  readonly templates: readonly ChatTemplateText[];
}

/** What the built-in listeners need from the static configuration to render messages. */
export interface MessagingSettings {
  readonly portalTitle: string;
  readonly company: string;
  /** `portal.urls.portal`, without a trailing slash; links are built from it. */
  readonly portalUrl: string;
  readonly mailFrom: string;
  readonly mailReplyTo: string | null;
  readonly emailTemplates: readonly EmailTemplateVariant[];
  readonly chatTemplates: readonly ChatTemplateText[];
  readonly chatTargets: readonly ChatTargetSetting[];
}

/** A webhook listener as an alert about it shows it. */
export interface MessageListener {
  readonly id: string;
  readonly url: string;
  readonly consecutiveFailures: number;
  readonly lastError: string | null;
}
