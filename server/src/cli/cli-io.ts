import type { Environment } from "../runtime-config/environment.js";

/** What a CLI command may use instead of `process`: the environment snapshot, the working directory, output. */
export interface CliIo {
  env: Environment;
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin?: NodeJS.ReadableStream;
}
