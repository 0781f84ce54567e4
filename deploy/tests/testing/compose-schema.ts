import { readFileSync } from "node:fs";
import { Ajv2019, type ErrorObject } from "ajv/dist/2019.js";

const schema = JSON.parse(
  readFileSync(new URL("../schemas/compose-spec/compose-spec.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

// The schema's own formats (the Compose tools define them in code, not in the schema).
const formats = {
  duration: /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/,
  expose: /^\d+(-\d+)?(\/(tcp|udp))?$/,
  ports: /^((\[?[0-9a-fA-F.:]+\]?:)?(\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  subnet_ip_address: /^[0-9a-fA-F.:]+\/\d{1,3}$/,
};

const ajv = new Ajv2019({ strict: false, allErrors: true, formats });
/**
 * The file still carries draft-04 `id` keywords (labels like `#/definitions/service`, never used by a `$ref`, which
 * all point by JSON pointer) that 2019-09 validators refuse, and names the 2019-09 meta-schema by an old address
 * ajv does not know. Both are dropped; the rest is validated as written.
 */
function withoutLegacyIds(node: unknown, isSchema: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutLegacyIds(item, isSchema));
  if (node === null || typeof node !== "object") return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (isSchema && (key === "id" || key === "$schema") && typeof value === "string") continue;
    const holdsNamedSchemas = isSchema && ["properties", "patternProperties", "definitions"].includes(key);
    result[key] = holdsNamedSchemas
      ? Object.fromEntries(
          Object.entries(value as object).map(([name, sub]) => [name, withoutLegacyIds(sub, true)]),
        )
      : withoutLegacyIds(value, isSchema && key !== "enum" && key !== "const" && key !== "default");
  }
  return result;
}

const validate = ajv.compile(withoutLegacyIds(schema, true) as Record<string, unknown>);

/** Problems of a compose document against the Compose Specification schema, as `path: message` lines. */
export function composeSchemaProblems(document: unknown): string[] {
  if (validate(document)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) =>
      `${error.instancePath || "/"}: ${error.message ?? "invalid"} ${JSON.stringify(error.params)}`,
  );
}
