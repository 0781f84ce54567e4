import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminBody } from "./admin-client.js";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

describe("Kong double: pagination and tags (CONTRACT.md §3, §3.1)", () => {
  let kong: KongDouble;
  const call = (method: string, path: string, body?: unknown) => adminCall(kong.url, method, path, body);
  const consumers = async (count: number, tags?: (index: number) => string[]) => {
    for (let index = 0; index < count; index += 1) {
      await call("POST", "/consumers", { username: `user-${index}`, ...(tags && { tags: tags(index) }) });
    }
  };
  const usernames = (body: AdminBody) => body.data.map((row) => row["username"] as string).sort();

  beforeAll(async () => {
    kong = await startKongDouble();
  });
  beforeEach(() => kong.reset());
  afterAll(async () => {
    await kong.close();
  });

  it("§3 an empty collection is exactly {data: [], next: null}", async () => {
    const answer = await call("GET", "/services");
    expect(answer.text).toBe('{"data":[],"next":null}');
  });

  it("§13.6 10 consumers with size=3 come in pages of 3, 3, 3, 1 following offset, in id order", async () => {
    await consumers(10);
    const sizes: number[] = [];
    const ids: string[] = [];
    let path: string | null = "/consumers?size=3";
    while (path !== null) {
      const page: AdminBody = (await call("GET", path)).body;
      sizes.push(page.data.length);
      ids.push(...page.data.map((row) => row.id));
      if (page.next !== null) {
        expect(page.next).toBe(`/consumers?offset=${encodeURIComponent(page.offset)}&size=3`);
      } else {
        expect(page).not.toHaveProperty("offset");
      }
      path = page.next;
    }
    expect(sizes).toEqual([3, 3, 3, 1]);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(10);
  });

  it("§3 the default page size is 100 and size may be at most 1000", async () => {
    kong.store.reset();
    for (let index = 0; index < 150; index += 1) {
      const id = `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
      kong.store.put("consumers", {
        id,
        created_at: 1,
        updated_at: 1,
        username: `u${index}`,
        custom_id: null,
        tags: null,
      });
    }
    const first = await call("GET", "/consumers");
    expect(first.body.data).toHaveLength(100);
    expect(first.body.next).toBe(`/consumers?offset=${encodeURIComponent(first.body.offset)}`);
    const all = await call("GET", "/consumers?size=1000");
    expect(all.body.data).toHaveLength(150);
    expect(all.body.next).toBeNull();
  });

  it("§2.2 invalid size → 400 code 9; invalid offset → 400 code 7, without fields", async () => {
    for (const size of ["0", "1001", "2.5"]) {
      const answer = await call("GET", `/consumers?size=${size}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        code: 9,
        name: "invalid size",
        message: "size must be an integer between 1 and 1000",
      });
    }
    expect((await call("GET", "/consumers?size=abc")).body.message).toBe("size must be a number");
    const garbage = await call("GET", "/consumers?offset=x");
    expect(garbage.body).toEqual({
      code: 7,
      name: "invalid offset",
      message: "'x' is not a valid offset: bad base64 encoding",
    });
    const notJson = Buffer.from("hello world!").toString("base64");
    expect((await call("GET", `/consumers?offset=${notJson}`)).body.message).toBe(
      `'${notJson}' is not a valid offset: bad json encoding`,
    );
  });

  it("§3.1 tags: one tag, AND with ',', OR with '/', UTF-8", async () => {
    await consumers(4, (index) => [["a"], ["a", "b"], ["b"], ["🦍"]][index]!);
    expect(usernames((await call("GET", "/consumers?tags=a")).body)).toEqual(["user-0", "user-1"]);
    expect(usernames((await call("GET", "/consumers?tags=a,b")).body)).toEqual(["user-1"]);
    expect(usernames((await call("GET", "/consumers?tags=a/b")).body)).toEqual([
      "user-0",
      "user-1",
      "user-2",
    ]);
    expect(usernames((await call("GET", `/consumers?tags=${encodeURIComponent("🦍")}`)).body)).toEqual([
      "user-3",
    ]);
    expect((await call("GET", "/consumers?tags=''")).body).toEqual({ data: [], next: null });
  });

  it("§3.1 mixing ',' and '/', an empty filter, or more than 5 tags → 400 code 11 with options", async () => {
    const mixed = await call("GET", "/consumers?tags=a,b/c");
    expect(mixed.status).toBe(400);
    expect(mixed.body).toEqual({
      code: 11,
      name: "invalid options",
      message: "invalid option (tags: invalid filter syntax)",
      options: { tags: "invalid filter syntax" },
    });
    expect((await call("GET", "/consumers?tags=")).body).toEqual({
      code: 11,
      name: "invalid options",
      message: "invalid option (tags: cannot be null)",
      options: { tags: "cannot be null" },
    });
    expect((await call("GET", "/consumers?tags=a,b,c,d,e,f")).body.message).toBe(
      "invalid option (tags: cannot query more than 5 tags)",
    );
    expect((await call("GET", "/consumers?tags=a,b,c,d,e")).status).toBe(200);
  });

  it("§3.1 tags combine with size; next carries the escaped tags and the size", async () => {
    await consumers(5, () => ["portal managed", "x"]);
    const page = await call("GET", `/consumers?tags=${encodeURIComponent("portal managed")}&size=2`);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.next).toBe(
      `/consumers?offset=${encodeURIComponent(page.body.offset)}&tags=portal%20managed&size=2`,
    );
    const second = await call("GET", page.body.next!);
    expect(second.body.data).toHaveLength(2);
  });

  it("§3.1 nested collections ignore tags and carry neither tags nor size in next", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    for (let index = 0; index < 3; index += 1) {
      await call("POST", "/services/s/routes", {
        paths: [`/r${index}`],
        tags: index === 0 ? ["only"] : null,
      });
    }
    const all = await call("GET", "/services/s/routes?tags=only");
    expect(all.body.data).toHaveLength(3);
    const paged = await call("GET", "/services/s/routes?size=2");
    expect(paged.body.next).toBe(`/services/s/routes?offset=${encodeURIComponent(paged.body.offset)}`);
    const rest = await call("GET", paged.body.next!);
    expect(rest.body.data).toHaveLength(1);
  });

  it("§3 /services/{s}/plugins lists every plugin whose service is S, whatever its consumer", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    await call("POST", "/consumers", { username: "c" });
    await call("POST", "/services/s/plugins", { name: "key-auth" });
    await call("POST", "/plugins", {
      name: "rate-limiting",
      service: { name: "s" },
      consumer: { username: "c" },
      config: { minute: 1 },
    });
    await call("POST", "/plugins", { name: "cors" });
    expect((await call("GET", "/services/s/plugins")).body.data).toHaveLength(2);
    expect((await call("GET", "/consumers/c/plugins")).body.data).toHaveLength(1);
    expect((await call("GET", "/plugins")).body.data).toHaveLength(3);
  });

  it("§13.7 ?custom_id= is an exact lookup; empty custom_id → 400", async () => {
    await call("POST", "/consumers", { username: "a", custom_id: "sub-1" });
    await call("POST", "/consumers", { username: "b", custom_id: "sub-2" });
    const found = await call("GET", "/consumers?custom_id=sub-1");
    expect(found.body.data.map((row) => row["username"])).toEqual(["a"]);
    expect(found.body.next).toBeNull();
    expect((await call("GET", "/consumers?custom_id=nope")).text).toBe('{"data":[],"next":null}');
    const empty = await call("GET", "/consumers?custom_id=");
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ message: "custom_id must be an unempty string" });
  });
});
