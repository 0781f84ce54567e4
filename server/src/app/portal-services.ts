import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Tables } from "../database/tables.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import type { StaticConfig } from "../static-config/static-config.js";

/** What services are built from; one instance per process. */
export interface ServiceDependencies {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly runtime: RuntimeConfig;
  readonly logger: Logger;
  /** Injected so tests can move time (token expiry, rate-limit windows, retention). */
  readonly clock: () => Date;
}

/**
 * The services the transports (GraphQL, REST facade, CLI) call. Each domain noun adds its service here and in
 * {@link createPortalServices}.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- nouns add their services below
export interface PortalServices {}

export function createPortalServices(deps: ServiceDependencies): PortalServices {
  void deps;
  return {};
}
