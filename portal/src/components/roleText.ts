import type { ApplicationRole } from "../gql/graphql";

/** The roles of an application's members, with what each may do. */
export const applicationRoles: readonly { value: ApplicationRole; label: string; hint: string }[] = [
  { value: "OWNER", label: "Owner", hint: "everything: edit, delete, members, subscriptions, credentials" },
  {
    value: "COLLABORATOR",
    label: "Collaborator",
    hint: "subscribe, unsubscribe, see and rotate credentials",
  },
  { value: "READER", label: "Reader", hint: "read only, no credentials" },
];

export function roleLabel(role: string): string {
  return applicationRoles.find((r) => r.value === role)?.label ?? role;
}
