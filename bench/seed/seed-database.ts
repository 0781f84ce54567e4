import type { Kysely } from "kysely";
import type { KeyRing } from "../../server/src/crypto/key-ring.js";
import type { Tables } from "../../server/src/database/tables.js";
import { createArgon2idHasher } from "../../server/src/passwords/password-hasher.js";
import { benchDeveloper, seedBenchFixture } from "./bench-fixture.js";
import { seedPopulation, type PopulationSize } from "./population.js";

export interface SeedOptions {
  readonly keyRing: KeyRing;
  /** Null for the small database: only the benchmark's fixture. */
  readonly population: PopulationSize | null;
  readonly progress?: (done: { table: string; rows: number }) => void;
}

/**
 * Seeds a migrated, empty database: the benchmark fixture (developer and their application) and, when asked, the
 * population. Everyone gets the developer's password, hashed once.
 */
export async function seedDatabase(db: Kysely<Tables>, options: SeedOptions): Promise<void> {
  const passwordHash = await createArgon2idHasher().hash(benchDeveloper.password);
  await seedBenchFixture(db, options.keyRing, passwordHash);
  if (options.population !== null) {
    await seedPopulation(db, {
      size: options.population,
      keyRing: options.keyRing,
      passwordHash,
      ...(options.progress ? { progress: options.progress } : {}),
    });
  }
}
