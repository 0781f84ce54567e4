import { expect, it } from "vitest";
import { describeEachBackend } from "../testing/backends.js";
import { knownMigrations } from "../database/migrator.js";
import { recordingIo } from "../testing/cli-io.js";
import { migrateCommand } from "./migrate.command.js";

describeEachBackend(
  "portal migrate",
  (getHandle, backend) => {
    it("applies pending migrations, then reports the schema up to date", async () => {
      const io = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await migrateCommand([], io)).toBe(0);
      const known = knownMigrations();
      expect(io.out()).toBe(
        `Applied ${known.length} migration${known.length === 1 ? "" : "s"}: ${known.join(", ")}\n`,
      );
      const again = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await migrateCommand([], again)).toBe(0);
      expect(again.out()).toBe(
        `Database schema is up to date (${known.length} migration${known.length === 1 ? "" : "s"}).\n`,
      );
      expect(again.err()).toBe("");
    });

    it("refuses a newer schema with exit 1", async () => {
      const io = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await migrateCommand([], io)).toBe(0);
      await getHandle()
        .db.insertInto("schema_migrations")
        .values({ name: "9999-future", applied_at: "x" })
        .execute();
      const again = recordingIo({ DATABASE_URL: backend.database().url });
      expect(await migrateCommand([], again)).toBe(1);
      expect(again.err()).toBe(
        "error: database schema is newer than this portal (unknown migration 9999-future); upgrade the portal\n",
      );
    });
  },
  { migrate: false },
);

it("exits 2 on unexpected arguments and on an invalid configuration", async () => {
  const io = recordingIo({});
  expect(await migrateCommand(["--force"], io)).toBe(2);
  expect(io.err()).toContain("Unexpected arguments: --force\nUsage: portal migrate");
  const bad = recordingIo({ DATABASE_URL: "mysql://db/portal" });
  expect(await migrateCommand([], bad)).toBe(2);
  expect(bad.err()).toContain("DATABASE_URL=<secret>: must start with postgres://");
});

it("exits 1 naming host:port/database (not the password) when PostgreSQL is unreachable", async () => {
  const io = recordingIo({
    DATABASE_URL: "postgres://portal:hunter2@127.0.0.1:1/portal",
    DATABASE_CONNECT_TIMEOUT_MS: "300",
  });
  expect(await migrateCommand([], io)).toBe(1);
  expect(io.err()).toMatch(/^error: cannot connect to PostgreSQL at 127\.0\.0\.1:1\/portal: gave up after/m);
  expect(io.err()).not.toContain("hunter2");
});
