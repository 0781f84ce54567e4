import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";

/**
 * Copies a stream (stdin) into a private temp file, so that an import can read it twice: once to verify, once to
 * load. Returns the file and a function that removes it.
 */
export async function spoolToTempFile(
  input: NodeJS.ReadableStream,
): Promise<{ file: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-import-"));
  const remove = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, "stdin.dump");
  try {
    await pipeline(input, createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    await remove();
    throw error;
  }
  return { file, remove };
}
