import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { migrateToLatest } from "../database/migrator.js";
import { describeEachBackend } from "../testing/backends.js";
import { recordingIo } from "../testing/cli-io.js";
import { exportToText } from "../testing/dump-text.js";
import { seedDatabase } from "../testing/seed.js";
import { testLogger } from "../testing/test-logger.js";
import { exportCommand } from "./export.command.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-export-"));
  dirs.push(dir);
  return dir;
}

describeEachBackend(
  "portal export",
  (getHandle, backend) => {
    it("writes the dump to stdout and a summary to stderr", async () => {
      await migrateToLatest(getHandle(), testLogger());
      await seedDatabase(getHandle().db);
      const io = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await exportCommand([], io)).toBe(0);
      expect(io.out()).toBe(await exportToText(getHandle()));
      expect(io.err()).toMatch(/^Exported \d+ rows from \d+ tables \(sha256:[0-9a-f]{64}\)\.\n$/);
    });

    it("writes --output FILE relative to the working directory", async () => {
      await migrateToLatest(getHandle(), testLogger());
      await seedDatabase(getHandle().db);
      const cwd = await tempDir();
      const io = recordingIo({ DATABASE_URL: backend.database().url }, { cwd });
      expect(await exportCommand(["--output", "portal.dump"], io)).toBe(0);
      expect(io.out()).toBe("");
      expect(await readFile(path.join(cwd, "portal.dump"), "utf8")).toBe(await exportToText(getHandle()));
    });

    it("leaves no file behind when the export fails", async () => {
      const cwd = await tempDir();
      const io = recordingIo({ DATABASE_URL: backend.database().url }, { cwd });
      expect(await exportCommand(["-o", "portal.dump"], io)).toBe(1);
      expect(io.err()).toContain("error: database is not at this portal's schema (pending migrations:");
      expect(existsSync(path.join(cwd, "portal.dump"))).toBe(false);
      expect(await readdir(cwd)).toEqual([]);
    });
  },
  { migrate: false },
);

it("exits 2 on unexpected arguments", async () => {
  const io = recordingIo({});
  expect(await exportCommand(["--output"], io)).toBe(2);
  expect(io.err()).toContain("Usage: portal export [--output FILE]");
});
