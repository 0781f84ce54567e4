import { describe, expect, it } from "vitest";
import { createCapturedLogger } from "./captured-logger.js";

describe("createLogger", () => {
  it("writes JSON lines with a level label and an ISO timestamp", () => {
    const { logger, lines } = createCapturedLogger("info");
    logger.info({ answer: 42 }, "hello");
    logger.debug("not written at info");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: "info", msg: "hello", answer: 42 });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it("redacts credentials in headers and password/token/secret fields", () => {
    const { logger, lines } = createCapturedLogger("info");
    logger.info(
      {
        req: { headers: { authorization: "Bearer abc", cookie: "sid=1", accept: "text/html" } },
        password: "hunter2",
        user: { name: "ann", token: "t0k" },
        nested: { deeper: { secret: "s3" } },
      },
      "sensitive",
    );
    const text = JSON.stringify(lines[0]);
    for (const value of ["Bearer abc", "sid=1", "hunter2", "t0k", "s3"]) expect(text).not.toContain(value);
    expect(lines[0]).toMatchObject({
      req: { headers: { authorization: "[redacted]", cookie: "[redacted]", accept: "text/html" } },
      password: "[redacted]",
      user: { name: "ann", token: "[redacted]" },
      nested: { deeper: { secret: "[redacted]" } },
    });
  });
});
