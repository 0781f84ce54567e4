import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The sample configuration shipped in `deploy/config`. */
export const sampleConfigDir = fileURLToPath(new URL("../../../deploy/config", import.meta.url));

/** A private copy of the sample in a temp dir, for tests that change it; `remove()` deletes it. */
export async function copySampleConfig(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), "static-config-"));
  const dir = path.join(root, "config");
  await cp(sampleConfigDir, dir, { recursive: true });
  return { dir, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Replaces text in a file of a config copy; fails loudly when the text is not there (a stale test). */
export async function editConfigFile(
  dir: string,
  file: string,
  search: string,
  replacement: string,
): Promise<string> {
  const absolute = path.join(dir, file);
  const before = await readFile(absolute, "utf8");
  if (!before.includes(search)) throw new Error(`${file} does not contain ${JSON.stringify(search)}`);
  const after = before.replace(search, () => replacement); // a function: `$$` in replacement stays `$$`
  await writeFile(absolute, after);
  return after;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  return text.slice(0, index).split("\n").length;
}
