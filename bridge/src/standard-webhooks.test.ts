import { describe, expect, it } from "vitest";
import { verifyWebhookSignature, webhookHeaders, webhookSignature } from "./standard-webhooks.js";

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

describe("verifying a Standard Webhooks signature", () => {
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  const sentAt = new Date(1614265330_000);
  const signed = (body: string, at = sentAt) => {
    const headers = webhookHeaders(secret, "msg_1", body, at);
    return {
      id: headers["webhook-id"],
      timestamp: headers["webhook-timestamp"],
      signature: headers["webhook-signature"],
    };
  };

  it("accepts the signature of exactly this body within five minutes", () => {
    expect(verifyWebhookSignature(secret, signed("[]"), "[]", new Date(sentAt.getTime() + 299_000))).toBe(
      true,
    );
    expect(verifyWebhookSignature(secret, signed("[]"), "[ ]", sentAt)).toBe(false);
  });

  it("refuses an old or future timestamp (replays), a missing header and another secret", () => {
    expect(verifyWebhookSignature(secret, signed("[]"), "[]", new Date(sentAt.getTime() + 301_000))).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, signed("[]"), "[]", new Date(sentAt.getTime() - 301_000))).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { ...signed("[]"), signature: undefined }, "[]", sentAt)).toBe(
      false,
    );
    expect(verifyWebhookSignature(secret, { ...signed("[]"), timestamp: "12a" }, "[]", sentAt)).toBe(false);
    expect(verifyWebhookSignature("whsec_b3RoZXI=", signed("[]"), "[]", sentAt)).toBe(false);
  });

  it("accepts any one of several space-separated signatures (a secret rotation)", () => {
    const headers = signed("[]");
    const other = webhookSignature("whsec_b3RoZXI=", "msg_1", Number(headers.timestamp), "[]");
    const both = { ...headers, signature: `${other} ${headers.signature ?? ""}` };
    expect(verifyWebhookSignature(secret, both, "[]", sentAt)).toBe(true);
  });
});
