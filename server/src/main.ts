import "reflect-metadata";
import { formatBootFailure } from "./app/boot-error.js";
import { exitOnShutdownSignal } from "./app/shutdown-signals.js";
import { startPortal } from "./app/start-portal.js";
import { readProcessEnvironment } from "./runtime-config/environment.js";

// Process entry: `node --import tsx/esm server/src/main.ts` (what `npm start` runs).
try {
  const portal = await startPortal({ env: readProcessEnvironment(), cwd: process.cwd() });
  exitOnShutdownSignal(portal, portal.logger, process);
  process.stdout.write(`API portal listening on ${portal.url}\n`);
  const admin = portal.firstAdministrator;
  const email = portal.config.firstAdministrator.email;
  if (!admin.created) {
    process.stdout.write(
      `Administrator: ${email} (password from its first start or PORTAL_ADMIN_PASSWORD; "Forgot password" mails a reset link)\n`,
    );
  } else {
    process.stdout.write(
      admin.generatedPassword === undefined
        ? `First administrator created: ${email} (password from PORTAL_ADMIN_PASSWORD)\n`
        : `First administrator created: ${email} with the generated password ${admin.generatedPassword}\n` +
            "  It is shown only this once: sign in and change it.\n",
    );
  }
} catch (error) {
  process.stderr.write(formatBootFailure(error));
  process.exit(1);
}
