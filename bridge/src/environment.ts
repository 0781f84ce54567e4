/** A snapshot of environment variables. The only module of the bridge that reads `process.env` is this one. */
export type Environment = Readonly<Record<string, string | undefined>>;

export function readProcessEnvironment(): Environment {
  return Object.freeze({ ...process.env });
}
