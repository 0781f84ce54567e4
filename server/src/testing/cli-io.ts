import { Readable } from "node:stream";
import type { CliIo } from "../cli/cli-io.js";

export interface RecordingIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** A CliIo that records stdout/stderr; `stdin` (when given) is what the command reads as standard input. */
export function recordingIo(
  env: Record<string, string>,
  options: { cwd?: string; stdin?: string } = {},
): RecordingIo {
  let out = "";
  let err = "";
  return {
    env,
    cwd: options.cwd ?? process.cwd(),
    stdout: (text) => (out += text),
    stderr: (text) => (err += text),
    ...(options.stdin === undefined ? {} : { stdin: Readable.from([options.stdin]) }),
    out: () => out,
    err: () => err,
  };
}
