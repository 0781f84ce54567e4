import { createHash } from "node:crypto";
import type { ConfigFiles } from "./config-files.js";
import type { UsedVariables } from "./variable-substitution.js";

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * SHA-256 over every file (sorted by relative path; path, length and raw bytes) and then every `${VAR}` the
 * configuration uses (sorted by name; the name and the SHA-256 of its value, or "unset"). Hashing the raw
 * bytes rather than the substituted text keeps secret values out of the input; hashing each value keeps the
 * hash sensitive to them. Same directory + same variable values → same hash.
 */
export function computeConfigHash(files: ConfigFiles, used: UsedVariables): string {
  const hash = createHash("sha256");
  hash.update("api-portal static config v1\n");
  for (const file of [...files.keys()].sort()) {
    const bytes = files.get(file) as Buffer;
    hash.update(`file ${JSON.stringify(file)} ${bytes.length}\n`);
    hash.update(bytes);
    hash.update("\n");
  }
  for (const name of [...used.keys()].sort()) {
    const value = used.get(name);
    hash.update(`variable ${name} ${value === undefined ? "unset" : sha256(value)}\n`);
  }
  return hash.digest("hex");
}
