import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ChatbotConfigError, loadChatbotConfig } from "./chatbot-config.js";

const token = "chatbot-test-token-0123456789abcdefghijkl";

describe("loadChatbotConfig", () => {
  it("applies the defaults and reads target URLs from the same snapshot", () => {
    const config = loadChatbotConfig({
      CHATBOT_TOKEN: token,
      ACME_SLACK_WEBHOOK_URL: "https://hooks.slack.com/x",
    });
    expect(config).toMatchObject({
      portalUrl: "http://127.0.0.1:3000",
      host: "127.0.0.1",
      port: 3004,
      publicUrl: null,
      delivery: {
        timeoutMs: 5000,
        maxAttempts: 3,
        backoffBaseMs: 500,
        backoffMaxMs: 4000,
        maxRetryAfterMs: 30_000,
      },
    });
    expect(config.webhookUrl("ACME_SLACK_WEBHOOK_URL")).toBe("https://hooks.slack.com/x");
    expect(config.webhookUrl("ACME_TEAMS_WEBHOOK_URL")).toBeUndefined();
  });

  it("reports every bad variable at once, never showing the token", () => {
    const attempt = () =>
      loadChatbotConfig({ CHATBOT_TOKEN: "short-secret", CHATBOT_PORT: "http", CHATBOT_MAX_ATTEMPTS: "0" });
    expect(attempt).toThrow(ChatbotConfigError);
    try {
      attempt();
    } catch (error) {
      expect((error as ChatbotConfigError).problems).toEqual([
        "CHATBOT_TOKEN=<secret>: must be the token of a read-write service account (32 or more characters)",
        'CHATBOT_PORT="http": must be a whole number',
        'CHATBOT_MAX_ATTEMPTS="0": must be at least 1',
      ]);
      expect((error as Error).message).not.toContain("short-secret");
    }
  });

  it("takes the token from CHATBOT_TOKEN_FILE (a mounted secret), but not both", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "chatbot-config-"));
    try {
      const file = path.join(dir, "token");
      await writeFile(file, `${token}\n`);
      expect(loadChatbotConfig({ CHATBOT_TOKEN_FILE: file }).token).toBe(token);
      expect(() => loadChatbotConfig({ CHATBOT_TOKEN_FILE: file, CHATBOT_TOKEN: token })).toThrow(
        "CHATBOT_TOKEN and CHATBOT_TOKEN_FILE are both set",
      );
      expect(() => loadChatbotConfig({ CHATBOT_TOKEN_FILE: path.join(dir, "missing") })).toThrow(
        /CHATBOT_TOKEN_FILE: cannot read .*missing \(ENOENT\)/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
