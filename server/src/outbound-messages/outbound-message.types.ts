/** The channels of the built-in listeners that send messages. */
export const outboundChannels = ["mail", "chat"] as const;
export type OutboundChannel = (typeof outboundChannels)[number];

/** `sent`: delivered; `failed`: rejected for good, or undeliverable after the listener's retries. */
export const outboundStatuses = ["sent", "failed"] as const;
export type OutboundStatus = (typeof outboundStatuses)[number];

/** One message a listener sent (or gave up on) about one event for one recipient. */
export interface OutboundMessage {
  readonly id: string;
  readonly channel: OutboundChannel;
  readonly eventSequence: number;
  readonly eventName: string;
  /** An e-mail address (mail) or a chat target id (chat). */
  readonly recipient: string;
  readonly template: string;
  readonly subject: string;
  readonly status: OutboundStatus;
  readonly error: string | null;
  readonly attempts: number;
  /** The service account (or system job) that recorded it. */
  readonly recordedBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a listener reports after sending (or giving up on) a message. */
export interface OutboundMessageOutcome {
  readonly channel: OutboundChannel;
  readonly eventSequence: number;
  readonly eventName: string;
  readonly recipient: string;
  readonly template: string;
  readonly subject: string;
  readonly status: OutboundStatus;
  readonly error?: string | null;
  readonly attempts?: number | null;
}

export interface OutboundMessageFilter {
  readonly channel?: OutboundChannel | null;
  readonly status?: OutboundStatus | null;
}

/** Sort key of the administrators' list: newest change first. */
export type OutboundMessagePosition = readonly [updatedAt: string, id: string];
