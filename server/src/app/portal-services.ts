/**
 * The services the transports (GraphQL, REST facade, CLI) call. Each domain noun adds its service here; the
 * composition root builds them once per process.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- nouns are added by later issues
export interface PortalServices {}
