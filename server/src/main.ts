import { formatBootFailure } from "./app/boot-error.js";
import { exitOnShutdownSignal } from "./app/shutdown-signals.js";
import { startPortal } from "./app/start-portal.js";
import { readProcessEnvironment } from "./runtime-config/environment.js";

// Process entry: `node --import tsx server/src/main.ts` (what `npm start` runs).
try {
  const portal = await startPortal({ env: readProcessEnvironment(), cwd: process.cwd() });
  exitOnShutdownSignal(portal, portal.logger, process);
  process.stdout.write(`API portal listening on ${portal.url}\n`);
} catch (error) {
  process.stderr.write(formatBootFailure(error));
  process.exit(1);
}
