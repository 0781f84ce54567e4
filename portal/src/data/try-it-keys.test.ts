import { describe, expect, it } from "vitest";
import { tryItKeys } from "./try-it-keys";

describe("tryItKeys", () => {
  it("offers each application's current key for the API, not expiring, other APIs' or missing ones", () => {
    const applications = [
      {
        name: "Shop",
        subscriptions: [
          { api: { id: "orders" }, credentials: [{ apiKey: "old", expiresAt: "2030-01-01" }, { apiKey: "new" }] },
          { api: { id: "payments" }, credentials: [{ apiKey: "pay" }] },
        ],
      },
      { name: "Pending", subscriptions: [{ api: { id: "orders" }, credentials: [] }] },
      { name: "Reader", subscriptions: [{ api: { id: "orders" }, credentials: null }] },
      { name: "Backoffice", subscriptions: [{ api: { id: "orders" }, credentials: [{ apiKey: "bo" }] }] },
    ];
    expect(tryItKeys("orders", applications)).toEqual([
      { applicationName: "Shop", apiKey: "new" },
      { applicationName: "Backoffice", apiKey: "bo" },
    ]);
    expect(tryItKeys("catalog", applications)).toEqual([]);
  });
});
