import { generate, loadCodegenConfig } from "@graphql-codegen/cli";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("typed GraphQL documents", () => {
  it("portal/src/gql matches the schema and the documents (run `npm run codegen`)", async () => {
    const { config } = await loadCodegenConfig({ configFilePath: `${root}/codegen.yml` });
    const files = (await generate({ ...config, cwd: root, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(readFileSync(`${root}/${file.filename}`, "utf8"), file.filename).toBe(file.content);
    }
  });
});
