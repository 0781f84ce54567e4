import { expect, it } from "vitest";
import { knownMigrations, migrateToLatest } from "../database/migrator.js";
import { describeEachBackend } from "../testing/backends.js";
import { exportToText } from "../testing/dump-text.js";
import { testLogger } from "../testing/test-logger.js";

describeEachBackend(
  "exportDump",
  (getHandle) => {
    it("pages through tables larger than one batch, in byte order of the primary key", async () => {
      const handle = getHandle();
      await migrateToLatest(handle, testLogger());
      const letters = ["a", "B", "é", "Z", "_", "0"];
      const ids = Array.from(
        { length: 2_345 },
        (_, i) => `aud_${letters[i % letters.length]}${(i * 7919) % 10_007}`,
      );
      for (let start = 0; start < ids.length; start += 500) {
        await handle.db
          .insertInto("audit_log")
          .values(
            ids
              .slice(start, start + 500)
              .map((id) => ({ id, at: "2026-01-01T00:00:00.000Z", actor_kind: "system", action: "test" })),
          )
          .execute();
      }
      const text = await exportToText(handle);
      const exported = text
        .split("\n")
        .filter((line) => line.startsWith('{"table":"audit_log"'))
        .map((line) => (JSON.parse(line) as { row: { id: string } }).row.id);
      const byteOrder = [...ids].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      expect(exported).toEqual(byteOrder);
    });

    it("refuses a database that is not at this portal's schema", async () => {
      await expect(exportToText(getHandle())).rejects.toThrow(
        `database is not at this portal's schema (pending migrations: ${knownMigrations().join(", ")}); run \`portal migrate\` first`,
      );
    });

    it("refuses a database migrated by a newer portal", async () => {
      const handle = getHandle();
      await migrateToLatest(handle, testLogger());
      await handle.db
        .insertInto("schema_migrations")
        .values({ name: "9999-future", applied_at: "x" })
        .execute();
      await expect(exportToText(handle)).rejects.toThrow(
        "database schema is newer than this portal (unknown migration 9999-future)",
      );
    });
  },
  { migrate: false },
);
