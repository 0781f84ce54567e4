/** The built-in listeners the bridge process can host (each also runs as its own process). */
export const hostedListenerNames = ["mailer", "chatbot", "kong-adapter"] as const;
export type HostedListenerName = (typeof hostedListenerNames)[number];
