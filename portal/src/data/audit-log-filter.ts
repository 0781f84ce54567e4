/** The audit log page's filter form as typed (dates as `YYYY-MM-DD` from date inputs, in the browser's zone). */
export interface AuditLogForm {
  readonly action: string;
  readonly actorId: string;
  readonly targetType: string;
  readonly targetId: string;
  readonly fromDate: string;
  readonly toDate: string;
}

export const emptyAuditLogForm: AuditLogForm = {
  action: "",
  actorId: "",
  targetType: "",
  targetId: "",
  fromDate: "",
  toDate: "",
};

/** The filter as the server takes it: trimmed texts, empty ones left out; dates as instants (`to` inclusive). */
export interface AuditLogFilterValues {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  from?: string;
  to?: string;
}

/** Midnight at the start of a `YYYY-MM-DD` day in the browser's time zone, `days` later. */
function startOfDay(date: string, days: number): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const day = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days);
  return Number.isNaN(day.getTime()) ? undefined : day.toISOString();
}

export function auditLogFilter(form: AuditLogForm): AuditLogFilterValues {
  const filter: AuditLogFilterValues = {};
  for (const name of ["action", "actorId", "targetType", "targetId"] as const) {
    const value = form[name].trim();
    if (value) filter[name] = value;
  }
  const from = startOfDay(form.fromDate, 0);
  if (from) filter.from = from;
  // "To" is a whole day: entries before the next midnight.
  const to = startOfDay(form.toDate, 1);
  if (to) filter.to = to;
  return filter;
}

/** The CSV export of the same filter (`GET /audit-log.csv`). */
export function auditLogCsvUrl(form: AuditLogForm): string {
  const query = new URLSearchParams(Object.entries(auditLogFilter(form))).toString();
  return query ? `/audit-log.csv?${query}` : "/audit-log.csv";
}
