import { hash, verify, type Options } from "@node-rs/argon2";

/** Hashes and checks passwords. Injected so that tests may use cheaper parameters. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a hash that cannot be parsed. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Spends about the time of one `verify`, for unknown accounts, so response times do not tell whether an
   * address has an account.
   */
  verifyNothing(password: string): Promise<void>;
}

/** argon2id with OWASP's recommended minimum: 19 MiB, 2 passes, 1 lane (the library's PHC output records them). */
export const argon2idOptions: Options = {
  // `Algorithm.Argon2id`; an ambient const enum, which isolatedModules cannot inline.
  algorithm: 2,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export function createArgon2idHasher(options: Options = argon2idOptions): PasswordHasher {
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => hash(password, options),
    async verify(passwordHash, password) {
      try {
        return await verify(passwordHash, password);
      } catch {
        return false;
      }
    },
    async verifyNothing(password) {
      dummyHash ??= hash("not-a-password: only used to spend the time of a real check", options);
      await verify(await dummyHash, password).catch(() => false);
    },
  };
}
