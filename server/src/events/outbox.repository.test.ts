import { expect, it } from "vitest";
import { system } from "../actor/actor.js";
import { deferToCommit } from "../database/outbox-commit-dialect.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { describeEachBackend, itOnlyOn } from "../testing/backends.js";
import { appendEvent } from "./outbox.repository.js";

const payload = (userId: string) => ({ userId, email: `${userId}@x.test`, groups: [] });
const actor = system("test");

async function loggedUsers(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.db
    .selectFrom("outbox_events")
    .select(["subject_ids"])
    .orderBy("sequence")
    .execute();
  return rows.map((row) => (JSON.parse(row.subject_ids) as { userId: string }).userId);
}

async function installations(handle: DatabaseHandle): Promise<string[]> {
  const rows = await handle.db.selectFrom("installation").select("id").orderBy("id").execute();
  return rows.map((row) => row.id);
}

function addInstallation(db: DatabaseHandle["db"], id: string) {
  return db
    .insertInto("installation")
    .values({ id, created_at: new Date().toISOString(), config_hash: null });
}

describeEachBackend("outbox appends", (getHandle, backend) => {
  it("keeps a transaction's events in append order and writes none when it rolls back", async () => {
    const handle = getHandle();
    await handle.db.transaction().execute(async (trx) => {
      await appendEvent(trx, actor, "user.verified", payload("a"));
      await appendEvent(trx, actor, "user.verified", payload("b"));
      await addInstallation(trx, "one").execute();
      await appendEvent(trx, actor, "user.verified", payload("c"));
    });
    const failed = handle.db.transaction().execute(async (trx) => {
      await appendEvent(trx, actor, "user.verified", payload("lost"));
      throw new Error("the change fails after its event");
    });
    await expect(failed).rejects.toThrow("the change fails after its event");
    await appendEvent(handle.db, actor, "user.verified", payload("alone"));
    expect(await loggedUsers(handle)).toEqual(["a", "b", "c", "alone"]);
  });

  itOnlyOn("postgres", backend)(
    "fails the commit and rolls the whole change back when a deferred append fails",
    async () => {
      const handle = getHandle();
      const broken = handle.db
        .insertInto("outbox_events")
        .values({
          event_name: null as unknown as string,
          schema_version: 1,
          occurred_at: new Date().toISOString(),
          actor: "{}",
          subject_ids: "{}",
          payload: "{}",
        })
        .compile();
      const change = handle.db.transaction().execute(async (trx) => {
        await addInstallation(trx, "half-written").execute();
        await trx.executeQuery(deferToCommit(broken));
      });
      await expect(change).rejects.toThrow(/event_name/);
      expect(await installations(handle)).toEqual([]);
      expect(await loggedUsers(handle)).toEqual([]);
    },
  );

  itOnlyOn("postgres", backend)(
    "drops the appends made after a savepoint that is rolled back to",
    async () => {
      const handle = getHandle();
      const trx = await handle.db.startTransaction().execute();
      await appendEvent(trx, actor, "user.verified", payload("kept"));
      const afterSavepoint = await trx.savepoint("attempt").execute();
      await appendEvent(afterSavepoint, actor, "user.verified", payload("undone"));
      const rolledBack = await afterSavepoint.rollbackToSavepoint("attempt").execute();
      await appendEvent(rolledBack, actor, "user.verified", payload("after"));
      await rolledBack.commit().execute();
      expect(await loggedUsers(handle)).toEqual(["kept", "after"]);
    },
  );
});
