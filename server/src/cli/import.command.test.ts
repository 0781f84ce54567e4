import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { migrateToLatest } from "../database/migrator.js";
import { describeEachBackend } from "../testing/backends.js";
import { runTypeScriptProcess } from "../testing/child-process.js";
import { recordingIo } from "../testing/cli-io.js";
import { exportToText, seedDumpText } from "../testing/dump-text.js";
import { seedDatabase } from "../testing/seed.js";
import { testLogger } from "../testing/test-logger.js";
import { importCommand } from "./import.command.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function writeDump(text: string): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-import-"));
  dirs.push(dir);
  const file = path.join(dir, "portal.dump");
  await writeFile(file, text);
  return { dir, file };
}

describeEachBackend(
  "portal import",
  (getHandle, backend) => {
    it("imports a file given relative to the working directory", async () => {
      const text = await seedDumpText();
      const { dir } = await writeDump(text);
      const io = recordingIo({ DATABASE_URL: backend.database().url }, { cwd: dir });
      expect(await importCommand(["portal.dump"], io)).toBe(0);
      expect(io.out()).toMatch(/^Imported \d+ rows into \d+ tables; migrations applied: 0001-core.*\.\n$/);
      expect(await exportToText(getHandle())).toBe(text);
    });

    it("imports from stdin with -", async () => {
      const text = await seedDumpText();
      const io = recordingIo({ DATABASE_URL: backend.database().url }, { stdin: text });
      expect(await importCommand(["-"], io)).toBe(0);
      expect(await exportToText(getHandle())).toBe(text);
    });

    it("refuses a database holding data without --replace (exit 1), replaces with it", async () => {
      const text = await seedDumpText();
      await migrateToLatest(getHandle(), testLogger());
      await seedDatabase(getHandle().db);
      await getHandle().db.deleteFrom("audit_log").execute();
      const { file } = await writeDump(text);
      const refused = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await importCommand([file], refused)).toBe(1);
      expect(refused.err()).toMatch(
        /^error: the database already holds data \(installation, users, .*\); use --replace/,
      );
      const replaced = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await importCommand(["--replace", file], replaced)).toBe(0);
      expect(await exportToText(getHandle())).toBe(text);
    });

    it("reports a corrupt dump with its line number (exit 1)", async () => {
      const lines = (await seedDumpText()).split("\n");
      lines[4] = lines[4]?.slice(0, 10) ?? "";
      const { file } = await writeDump(lines.join("\n"));
      const io = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await importCommand([file], io)).toBe(1);
      expect(io.err()).toMatch(/^error: line 5: not valid JSON/);
    });

    it("pipes `portal export` into `portal import -` between two real processes", async () => {
      await migrateToLatest(getHandle(), testLogger());
      await seedDatabase(getHandle().db);
      const exported = await runTypeScriptProcess(
        "src/cli/main.ts",
        { DATABASE_URL: backend.database().url },
        ["export"],
      );
      expect(exported, exported.stderr).toMatchObject({ code: 0 });
      const { dir } = await writeDump("");
      const targetUrl = `sqlite:${path.join(dir, "target.sqlite")}`;
      const imported = await runTypeScriptProcess(
        "src/cli/main.ts",
        { DATABASE_URL: targetUrl },
        ["import", "-"],
        exported.stdout,
      );
      expect(imported, imported.stderr).toMatchObject({ code: 0 });
      const again = await runTypeScriptProcess("src/cli/main.ts", { DATABASE_URL: targetUrl }, ["export"]);
      expect(again.stdout).toBe(exported.stdout);
    });
  },
  { migrate: false },
);

it("exits 2 without a FILE and 1 when the file is missing", async () => {
  const none = recordingIo({});
  expect(await importCommand([], none)).toBe(2);
  expect(none.err()).toContain("Missing FILE.\nUsage: portal import FILE|- [--replace]");
  const missing = recordingIo({});
  expect(await importCommand(["/nonexistent/portal.dump"], missing)).toBe(1);
  expect(missing.err()).toBe("error: cannot read /nonexistent/portal.dump (ENOENT)\n");
});
