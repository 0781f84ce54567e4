import type { AdminSection } from "../../routing/routes";

export interface AdminPageEntry {
  readonly section: AdminSection;
  readonly path: string;
  readonly title: string;
  readonly description: string;
}

/** The administrators' pages, in navigation order. */
export const adminPages: readonly AdminPageEntry[] = [
  { section: "overview", path: "/admin", title: "Overview", description: "" },
  {
    section: "users",
    path: "/admin/users",
    title: "Users",
    description: "Search accounts, change their groups, disable or enable them.",
  },
  {
    section: "applications",
    path: "/admin/applications",
    title: "Applications",
    description: "Every application with its subscriptions and their status.",
  },
  {
    section: "audit-log",
    path: "/admin/audit-log",
    title: "Audit log",
    description: "Who changed what, when; filters and CSV download.",
  },
  {
    section: "webhooks",
    path: "/admin/webhooks",
    title: "Webhook listeners",
    description: "Backlog, lag, failures and dead letters of each listener; re-deliver and replay.",
  },
  {
    section: "health",
    path: "/admin/health",
    title: "System health",
    description: "The server, its database, the event log and the listeners.",
  },
  {
    section: "mail",
    path: "/admin/mail",
    title: "Mail outbox",
    description: "Mail and chat messages the portal sent, with their status and errors.",
  },
];
