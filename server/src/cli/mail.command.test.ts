import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recordingIo } from "../testing/cli-io.js";
import { runCli } from "./cli.js";

// Written by the mailer's outbox transport (bridge/src/mailer/mail-transport.ts) with nodemailer: a multipart
// mail with a folded UTF-8 subject and quoted-printable parts whose link is split by a soft line break, and a
// plain 7bit one.
const fixtures = fileURLToPath(new URL("../mail-outbox/fixtures/", import.meta.url));
const verifyLink =
  "https://portal.example/verify-email?token=Ab3_very-long-token-value-0123456789abcdefghijklmnopqrstuvwxyz&x=1";

describe("portal mail list|show", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "portal-mail-cli-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says so when the outbox is empty or missing", async () => {
    const io = recordingIo({ PORTAL_DATA_DIR: dataDir });
    expect(await runCli(["mail", "list"], io)).toBe(0);
    expect(io.out()).toBe(`No mails in ${path.join(dataDir, "outbox")}.\n`);
  });

  it("lists the outbox of PORTAL_DATA_DIR oldest first, with decoded subjects and whole links", async () => {
    await cp(fixtures, path.join(dataDir, "outbox"), { recursive: true });
    const io = recordingIo({ PORTAL_DATA_DIR: dataDir });
    expect(await runCli(["mail", "list"], io)).toBe(0);
    expect(io.out()).toBe(
      `2 mails in ${path.join(dataDir, "outbox")}, oldest first:\n\n` +
        "Fri, 01 May 2026 10:00:05 +0000  to Zoë 山田 <zoe@example.net>\n" +
        "  Acme API Portal: Bitte bestätigen Sie Ihre E-Mail-Adresse – ein sehr langer Betreff, der umbrochen werden muss\n" +
        "  file: 20260501T100005Z-000007-verify-email-aaaaaaaa.eml\n" +
        `  link: ${verifyLink}\n` +
        "\n" +
        "Fri, 01 May 2026 11:00:00 +0000  to Ann <ann@example.com>\n" +
        "  Acme API Portal: reset your password\n" +
        "  file: 20260501T110000Z-000009-password-reset-bbbbbbbb.eml\n" +
        "  link: https://portal.example/reset-password?token=xyz\n",
    );
    const filtered = recordingIo({ PORTAL_DATA_DIR: dataDir });
    expect(await runCli(["mail", "list", "--to", "ANN@example.com"], filtered)).toBe(0);
    expect(filtered.out()).toContain("1 mail in");
    expect(filtered.out()).not.toContain("zoe@");
  });

  it("shows the newest mail, or a named one, with its text and links", async () => {
    const newest = recordingIo({ MAILER_OUTBOX_DIR: fixtures });
    expect(await runCli(["mail", "show"], newest)).toBe(0);
    expect(newest.out()).toContain("Subject: Acme API Portal: reset your password\n\nHello Ann,\n");
    const named = recordingIo({}, { cwd: dataDir });
    expect(
      await runCli(
        ["mail", "show", "20260501T100005Z-000007-verify-email-aaaaaaaa.eml", "--dir", fixtures],
        named,
      ),
    ).toBe(0);
    expect(named.out()).toContain("To:      Zoë 山田 <zoe@example.net>\n");
    expect(named.out()).toContain("Hallo Zoë 山田,\n\nbitte öffnen Sie diesen Link:\n");
    expect(named.out()).toContain(`\nLinks:\n  ${verifyLink}\n`);
  });

  it("refuses unknown subcommands and options, and names a file it cannot read", async () => {
    const io = recordingIo({ PORTAL_DATA_DIR: dataDir });
    expect(await runCli(["mail", "send"], io)).toBe(2);
    expect(io.err()).toContain('Unknown command "mail send"');
    const option = recordingIo({ PORTAL_DATA_DIR: dataDir });
    expect(await runCli(["mail", "list", "--dir"], option)).toBe(2);
    expect(option.err()).toContain("error: --dir needs a value");
    const missing = recordingIo({ PORTAL_DATA_DIR: dataDir });
    expect(await runCli(["mail", "show", "nope.eml"], missing)).toBe(1);
    expect(missing.err()).toBe("error: cannot read nope.eml: ENOENT\n");
  });
});
