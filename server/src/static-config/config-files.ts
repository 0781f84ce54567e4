import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { ConfigProblem } from "./config-problem.js";

/** Every file of a configuration directory: relative path (with `/`) → raw bytes. */
export type ConfigFiles = ReadonlyMap<string, Buffer>;

/**
 * Reads the whole directory into memory (except `.git`), so that the hash and the parsed content describe the
 * same bytes. Only reads; never creates, changes or deletes anything.
 */
export async function readConfigFiles(
  dir: string,
): Promise<{ files: ConfigFiles; problems: ConfigProblem[] }> {
  const files = new Map<string, Buffer>();
  const problems: ConfigProblem[] = [];
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    problems.push({ file: ".", path: "", message: `${dir} is not a directory` });
    return { files, problems };
  }
  await walk(dir, "", files, problems);
  return { files: new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), problems };
}

async function walk(root: string, relative: string, files: Map<string, Buffer>, problems: ConfigProblem[]) {
  const absolute = path.join(root, relative);
  const entries = await readdir(absolute, { withFileTypes: true }).catch((error: unknown) => {
    problems.push({
      file: relative === "" ? "." : relative,
      path: "",
      message: `cannot read directory (${errorCode(error)})`,
    });
    return [];
  });
  for (const entry of entries) {
    if (entry.name === ".git") continue;
    const rel = relative === "" ? entry.name : `${relative}/${entry.name}`;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(path.join(root, rel)).catch(() => undefined);
      if (target?.isDirectory()) {
        problems.push({ file: rel, path: "", message: "symbolic links to directories are not supported" });
        continue;
      }
      isDirectory = false;
      isFile = target?.isFile() ?? false;
      if (!isFile) {
        problems.push({ file: rel, path: "", message: "broken symbolic link" });
        continue;
      }
    }
    if (isDirectory) await walk(root, rel, files, problems);
    else if (isFile) {
      const bytes = await readFile(path.join(root, rel)).catch((error: unknown) => {
        problems.push({ file: rel, path: "", message: `cannot read file (${errorCode(error)})` });
        return undefined;
      });
      if (bytes) files.set(rel, bytes);
    }
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}
