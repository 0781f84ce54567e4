import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { knownMigrations, migrateToLatest } from "../database/migrator.js";
import { describeEachBackend } from "../testing/backends.js";
import { seedRows } from "../testing/seed.js";
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

/** 1-based number of the trailer line. */
function lineCount(text: string): number {
  return text.trimEnd().split("\n").length;
}

function lineNumberOf(text: string, needle: string): number {
  return text.split("\n").findIndex((line) => line.includes(needle)) + 1;
}

function linesOfTable(text: string, table: string): string {
  const numbers = text
    .split("\n")
    .flatMap((line, index) => (line.startsWith(`{"table":"${table}"`) ? [index + 1] : []));
  return `${numbers[0]}-${numbers.at(-1)}`;
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
        (t: string) => ({
          dump: t.replace("Alice Ångström", "Alice Angstrom"),
          error: `line ${lineCount(t)}: checksum mismatch: the dump is corrupt or was edited`,
        }),
      ],
      [
        "a truncated dump",
        (t: string) => ({
          dump: t.split("\n").slice(0, 9).join("\n") + "\n",
          error: "the dump is truncated: it ends at line 9 without the trailer line",
        }),
      ],
      [
        "a line cut in half",
        (t: string) => ({
          dump: t.slice(0, t.indexOf("usr_Zo")),
          error: `line ${lineNumberOf(t, "usr_Zo")}: not valid JSON`,
        }),
      ],
      [
        "a corrupt line",
        (t: string) => ({
          dump: t
            .split("\n")
            .map((l, i) => (i === 6 ? l.replace("{", "[") : l))
            .join("\n"),
          error: "line 7: not valid JSON",
        }),
      ],
      [
        "data after the trailer",
        (t: string) => ({
          dump: `${t}{"table":"users","row":{"id":"x"}}\n`,
          error: `line ${lineCount(t) + 1}: unexpected content after the trailer line`,
        }),
      ],
      [
        "a file that is not a dump",
        () => ({ dump: "id,email\n1,a@example.com\n", error: "line 1: not valid JSON" }),
      ],
      [
        "a newer dump format",
        (t: string) => ({
          dump: t.replace('"formatVersion":1', '"formatVersion":2'),
          error: "line 1: dump format version 2 is newer than this portal reads (1); upgrade the portal",
        }),
      ],
      [
        "a dump from a newer schema",
        (t: string) => ({
          dump: rewriteDump(t, (lines) => [
            { ...lines[0], migrations: [...knownMigrations(), "9999-from-the-future"] },
            ...lines.slice(1),
          ]),
          error:
            "line 1: the dump comes from a newer portal schema (unknown migration 9999-from-the-future); upgrade the portal",
        }),
      ],
      [
        "an internal table",
        (t: string) => ({
          dump: rewriteDump(t, (lines) => [
            ...lines,
            { table: "schema_migrations", row: { name: "x", applied_at: "y" } },
          ]),
          error: `line ${lineCount(t)}: table schema_migrations is internal and cannot be imported`,
        }),
      ],
      [
        "rows of one table in two groups",
        (t: string) => ({
          dump: rewriteDump(t, (lines) => [
            ...lines,
            {
              table: "user_groups",
              row: { user_id: "usr_ghost", group_id: "g", created_at: "2026-01-01T00:00:00Z" },
            },
          ]),
          error: `line ${lineCount(t)}: rows of table user_groups are not contiguous`,
        }),
      ],
    ])("refuses %s and writes nothing", async (_label, corrupt) => {
      const { dump, error } = corrupt(await seedDumpText());
      const handle = getHandle();
      await expect(
        importDump(handle, await dumpFile(dump), { replace: false }, testLogger()),
      ).rejects.toThrow(error);
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
      const message = await importDump(handle, await dumpFile(text), { replace: false }, testLogger()).then(
        () => "imported",
        (e: unknown) => (e as Error).message,
      );
      expect(message).toMatch(/^lines \d+-\d+ \(table user_groups\): .*foreign key/i);
      expect(message.startsWith(`lines ${linesOfTable(text, "user_groups")} `)).toBe(true);
      expect(await tableNames(handle)).toEqual([]);
    });

    it("preserves outbox sequence numbers and continues after the largest one", async () => {
      const text = rewriteDump(await seedDumpText(), (lines) =>
        lines.map((line, index) =>
          line.table === "outbox_events"
            ? { ...line, row: { ...(line.row as object), sequence: (index + 1) * 1000 } }
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
      const expected = text
        .split("\n")
        .flatMap((line, index) => (line.startsWith('{"table":"outbox_events"') ? [(index + 1) * 1000] : []));
      expect(expected).toHaveLength(2);
      expect(sequences.map((r) => r.sequence)).toEqual(expected);
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
      expect(next.sequence).toBe((expected.at(-1) ?? 0) + 1);
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
      expect(next.sequence).toBe(seedRows.outbox_events.length + 1);
    });
  },
  { migrate: false },
);
