/**
 * Renders a value the way Kong's error messages print Lua tables (`kong/db/errors.lua`):
 * keys sorted, strings quoted, JSON null as `null`, e.g. `{consumer=null,name="acl",service={id="…"}}`.
 */
export function luaTable(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `{${value.map(luaTable).join(",")}}`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([key, item]) => `${key}=${luaTable(item)}`).join(",")}}`;
}
