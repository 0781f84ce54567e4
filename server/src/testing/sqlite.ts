import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestSqliteDatabase {
  /** Path of the (not yet created) database file inside a fresh temp dir. */
  readonly file: string;
  /** `sqlite:<file>`, as DATABASE_URL accepts it. */
  readonly url: string;
  /** Removes the temp dir with the database and its WAL files. */
  readonly drop: () => Promise<void>;
}

export async function createTestSqliteDatabase(): Promise<TestSqliteDatabase> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-test-"));
  const file = path.join(dir, "data", "portal.sqlite");
  return { file, url: `sqlite:${file}`, drop: () => rm(dir, { recursive: true, force: true }) };
}
