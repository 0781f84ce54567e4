import type { ApplicationClientType } from "../gql/graphql";

/** The client types of an application, as the forms offer them and the pages name them. */
export const clientTypes: readonly { value: ApplicationClientType; label: string; hint: string }[] = [
  {
    value: "CONFIDENTIAL",
    label: "Server-side application",
    hint: "Runs on a server and can keep a client secret.",
  },
  {
    value: "PUBLIC_SPA",
    label: "Single-page application",
    hint: "Runs in the browser; uses PKCE, no secret.",
  },
  {
    value: "PUBLIC_NATIVE",
    label: "Native or mobile application",
    hint: "Runs on the user's device; uses PKCE.",
  },
];

export function clientTypeLabel(value: string): string {
  return clientTypes.find((type) => type.value === value)?.label ?? value;
}
