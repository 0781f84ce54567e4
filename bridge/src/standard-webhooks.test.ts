import { describe, expect, it } from "vitest";
import { webhookHeaders, webhookSignature } from "./standard-webhooks.js";

describe("Standard Webhooks signing", () => {
  it("matches the specification's test vector", () => {
    expect(
      webhookSignature(
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("sends the id, the timestamp in seconds and the signature over exactly the body", () => {
    const headers = webhookHeaders(
      "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      "msg_1",
      "[]",
      new Date(1614265330_999),
    );
    expect(headers).toMatchObject({
      "content-type": "application/json",
      "webhook-id": "msg_1",
      "webhook-timestamp": "1614265330",
    });
    expect(headers["webhook-signature"]).toBe(
      webhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1614265330, "[]"),
    );
    expect(headers["webhook-signature"]).not.toBe(
      webhookSignature("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_1", 1614265330, "[ ]"),
    );
  });
});
