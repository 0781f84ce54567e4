import "reflect-metadata";
import { expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { describeEachBackend } from "../testing/backends.js";
import { accountTestConfig, browserOrigin, putInGroups, start } from "./account.fixtures.js";
import { loadUserActor } from "./user-actor.js";
import { insertUser, setDisabledAt } from "./user.repository.js";

describeEachBackend("loadUserActor", (getHandle: () => DatabaseHandle) => {
  const config = accountTestConfig();
  const via = { kind: "token", tokenId: "pat-1" } as const;

  it("builds the actor from the user, its groups and the groups' flags; null for missing or disabled users", async () => {
    const db = getHandle().db;
    await insertUser(
      db,
      {
        id: "u1",
        email: "Ada@Example.com",
        passwordHash: null,
        displayName: "Ada",
        profile: {},
        emailVerifiedAt: null,
      },
      start,
    );
    await putInGroups(db, "u1", ["partners", "approvers"]);
    expect(await loadUserActor(db, config, "u1", via, "read", browserOrigin)).toEqual({
      kind: "user",
      userId: "u1",
      email: "ada@example.com",
      emailVerified: false,
      groups: ["approvers", "partners"],
      isAdmin: false,
      isApprover: true,
      via,
      scope: "read",
      origin: browserOrigin,
    });
    expect(await loadUserActor(db, config, "nobody", via, "read", browserOrigin)).toBeNull();
    await setDisabledAt(db, "u1", start.toISOString(), start);
    expect(await loadUserActor(db, config, "u1", via, "write", browserOrigin)).toBeNull();
  });
});
