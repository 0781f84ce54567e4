import { readProcessEnvironment } from "../runtime-config/environment.js";
import { runCli } from "./cli.js";

process.exitCode = await runCli(process.argv.slice(2), {
  env: readProcessEnvironment(),
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
});
