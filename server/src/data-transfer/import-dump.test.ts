import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { migrateToLatest } from "../database/migrator.js";
import { describeEachBackend } from "../testing/backends.js";
import { exportToText, rewriteDump, seedDumpText } from "../testing/dump-text.js";
import { testLogger } from "../testing/test-logger.js";
import { importDump } from "./import-dump.js";

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function dumpFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-dump-"));
  dirs.push(dir);
  const file = path.join(dir, "portal.dump");
  await writeFile(file, text);
  return file;
}

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  return (await handle.db.introspection.getTables()).map((t) => t.name);
}

describeEachBackend(
  "importDump",
  (getHandle) => {
    it("loads a dump into an empty database, creating the schema, and exports the same bytes", async () => {
      const text = await seedDumpText();
      const handle = getHandle();
      await importDump(handle, await dumpFile(text), { replace: false }, testLogger());
      expect(await exportToText(handle)).toBe(text);
    });

    it("refuses a database that holds data unless --replace, then replaces everything", async () => {
      const text = await seedDumpText();
      const handle = getHandle();
      await migrateToLatest(handle, testLogger());
      await handle.db
        .insertInto("users")
        .values({
          id: "usr_other",
          email: "other@example.com",
          display_name: "Other",
          profile: "{}",
          created_at: "2026-04-01T00:00:00.000Z",
          updated_at: "2026-04-01T00:00:00.000Z",
        })
        .execute();
      const before = await exportToText(handle);
      const file = await dumpFile(text);
      await expect(importDump(handle, file, { replace: false }, testLogger())).rejects.toThrow(
        "the database already holds data (users); use --replace to delete it and load the dump",
      );
      expect(await exportToText(handle)).toBe(before);
      await importDump(handle, file, { replace: true }, testLogger());
      expect(await exportToText(handle)).toBe(text);
    });

    it.each([
      [
        "a wrong checksum",
        (t: string) => t.replace("Alice Ångström", "Alice Angstrom"),
        /^line 18: checksum mismatch/,
      ],
      [
        "a truncated dump",
        (t: string) => t.split("\n").slice(0, 9).join("\n") + "\n",
        /the dump is truncated: it ends at line 9/,
      ],
      ["a line cut in half", (t: string) => t.slice(0, t.indexOf("usr_Zo")), /^line 4: not valid JSON/],
      [
        "a corrupt line",
        (t: string) =>
          t
            .split("\n")
            .map((l, i) => (i === 6 ? l.replace("{", "[") : l))
            .join("\n"),
        /^line 7: not valid JSON/,
      ],
      [
        "data after the trailer",
        (t: string) => `${t}{"table":"users","row":{"id":"x"}}\n`,
        /^line 19: unexpected content after the trailer/,
      ],
      ["a file that is not a dump", () => "id,email\n1,a@example.com\n", /^line 1: not valid JSON/],
      [
        "a newer dump format",
        (t: string) => t.replace('"formatVersion":1', '"formatVersion":2'),
        /^line 1: dump format version 2 is newer than this portal reads \(1\); upgrade the portal/,
      ],
      [
        "a dump from a newer schema",
        (t: string) =>
          rewriteDump(t, (lines) => [
            { ...lines[0], migrations: ["0001-core", "0002-from-the-future"] },
            ...lines.slice(1),
          ]),
        "line 1: the dump comes from a newer portal schema (unknown migration 0002-from-the-future); upgrade the portal",
      ],
      [
        "an internal table",
        (t: string) =>
          rewriteDump(t, (lines) => [
            ...lines,
            { table: "schema_migrations", row: { name: "x", applied_at: "y" } },
          ]),
        /^line 18: table schema_migrations is internal/,
      ],
      [
        "rows of one table in two groups",
        (t: string) =>
          rewriteDump(t, (lines) => [
            ...lines,
            {
              table: "user_groups",
              row: { user_id: "usr_ghost", group_id: "g", created_at: "2026-01-01T00:00:00Z" },
            },
          ]),
        /rows of table user_groups are not contiguous/,
      ],
    ])("refuses %s and writes nothing", async (_label, corrupt, message) => {
      const text = await seedDumpText();
      const handle = getHandle();
      await expect(
        importDump(handle, await dumpFile(corrupt(text)), { replace: false }, testLogger()),
      ).rejects.toThrow(message);
      expect(await tableNames(handle)).toEqual([]);
    });

    it("rolls back schema and rows when the database rejects a row", async () => {
      const text = rewriteDump(await seedDumpText(), (lines) =>
        lines.map((line) =>
          line.table === "user_groups"
            ? { ...line, row: { ...(line.row as object), user_id: "usr_ghost" } }
            : line,
        ),
      );
      const handle = getHandle();
      await expect(
        importDump(handle, await dumpFile(text), { replace: false }, testLogger()),
      ).rejects.toThrow(/^lines 6-8 \(table user_groups\): .*(FOREIGN KEY|foreign key)/);
      expect(await tableNames(handle)).toEqual([]);
    });

    it("preserves outbox sequence numbers and continues after the largest one", async () => {
      const text = rewriteDump(await seedDumpText(), (lines) =>
        lines.map((line, index) =>
          line.table === "outbox_events"
            ? { ...line, row: { ...(line.row as object), sequence: index * 1000 } }
            : line,
        ),
      );
      const handle = getHandle();
      await importDump(handle, await dumpFile(text), { replace: false }, testLogger());
      const sequences = await handle.db
        .selectFrom("outbox_events")
        .select("sequence")
        .orderBy("sequence")
        .execute();
      expect(sequences.map((r) => r.sequence)).toEqual([15_000, 16_000]);
      const next = await handle.db
        .insertInto("outbox_events")
        .values({
          event_name: "user.updated",
          schema_version: 1,
          occurred_at: "2026-04-01T00:00:00.000Z",
          actor: "{}",
          subject_ids: "{}",
          payload: "{}",
        })
        .returning("sequence")
        .executeTakeFirstOrThrow();
      expect(next.sequence).toBe(16_001);
    });

    it("resets the outbox counter to the dump's state when replacing", async () => {
      const text = await seedDumpText();
      const handle = getHandle();
      await migrateToLatest(handle, testLogger());
      await handle.db
        .insertInto("outbox_events")
        .values({
          sequence: 500,
          event_name: "x",
          schema_version: 1,
          occurred_at: "t",
          actor: "{}",
          subject_ids: "{}",
          payload: "{}",
        })
        .execute();
      await importDump(handle, await dumpFile(text), { replace: true }, testLogger());
      const next = await handle.db
        .insertInto("outbox_events")
        .values({
          event_name: "y",
          schema_version: 1,
          occurred_at: "t",
          actor: "{}",
          subject_ids: "{}",
          payload: "{}",
        })
        .returning("sequence")
        .executeTakeFirstOrThrow();
      expect(next.sequence).toBe(3);
    });
  },
  { migrate: false },
);
