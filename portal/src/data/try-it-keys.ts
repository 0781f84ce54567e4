/** An API key the visitor may try an API with: the current key of one of their applications' subscriptions. */
export interface TryItKey {
  readonly applicationName: string;
  readonly apiKey: string;
}

interface ApplicationWithSubscriptions {
  readonly name: string;
  readonly subscriptions: readonly {
    readonly api: { readonly id: string };
    readonly credentials?: readonly { readonly apiKey?: string | null; readonly expiresAt?: unknown }[] | null;
  }[];
}

/**
 * The current key (not one that is expiring after a rotation) of each application's subscription to the API, in
 * the applications' order; applications without one (pending, declined, not subscribed, no rights) are left out.
 */
export function tryItKeys(apiId: string, applications: readonly ApplicationWithSubscriptions[]): TryItKey[] {
  return applications.flatMap((application) =>
    application.subscriptions
      .filter((subscription) => subscription.api.id === apiId)
      .flatMap((subscription) => {
        const current = (subscription.credentials ?? []).find((c) => c.apiKey && !c.expiresAt);
        return current?.apiKey ? [{ applicationName: application.name, apiKey: current.apiKey }] : [];
      }),
  );
}
