import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deployDir } from "./testing/compose-file.js";
import { kustomizeBuild, type KubernetesObject } from "./testing/kustomize.js";

const base = kustomizeBuild(path.join(deployDir, "k8s/base"));
const overlay = kustomizeBuild(path.join(deployDir, "k8s/overlays/example"));

interface ValidatingModel {
  validate(): void;
}

/** kubernetes-models' class for the object's apiVersion and kind (its validate() checks the Kubernetes schema). */
async function modelOf(object: KubernetesObject): Promise<ValidatingModel> {
  const [group, version] = object.apiVersion.includes("/")
    ? object.apiVersion.split("/")
    : ["", object.apiVersion];
  const module = (await import(
    `kubernetes-models/${group ? `${group}/` : ""}${version}/${object.kind}`
  )) as Record<string, new (data: unknown) => ValidatingModel>;
  const Model = module[object.kind];
  if (!Model) throw new Error(`no Kubernetes model for ${object.apiVersion} ${object.kind}`);
  return new Model(object);
}

type Container = {
  name: string;
  image: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value: string }[];
  readinessProbe?: { httpGet: { path: string } };
  livenessProbe?: { httpGet: { path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  volumeMounts?: { name: string; mountPath: string }[];
};
type PodSpec = {
  securityContext?: { runAsNonRoot?: boolean };
  containers: Container[];
  volumes?: { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] } }[];
};
const podSpec = (object: KubernetesObject) => (object.spec as { template: { spec: PodSpec } }).template.spec;
const labelsOf = (object: KubernetesObject) =>
  (object.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
const matches = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
const byKind = (objects: KubernetesObject[], kind: string) =>
  objects.filter((object) => object.kind === kind);

describe("deploy/k8s (kustomize base and example overlay)", () => {
  it.each([
    ["base", base],
    ["overlay", overlay],
  ])("every object of the %s is valid against the Kubernetes schemas", async (_name, objects) => {
    expect(objects.length).toBeGreaterThan(10);
    for (const object of objects) {
      const model = await modelOf(object);
      expect(() => model.validate(), `${object.kind}/${object.metadata.name}`).not.toThrow();
    }
  });

  it("the schema validation rejects a wrong object", async () => {
    const server = structuredClone(byKind(base, "Deployment").find((d) => d.metadata.name === "server")!);
    (server.spec as { replicas: unknown }).replicas = "three";
    await expect(modelOf(server).then((model) => model.validate())).rejects.toThrow(/replicas/);
  });

  it("runs the server, web portal, bridge and listeners with probes, resources and a non-root, read-only container", () => {
    const deployments = byKind(base, "Deployment");
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(
      ["bridge", "chatbot", "kong-adapter", "mailer", "server", "web-portal"].sort(),
    );
    expect(
      (deployments.find((d) => d.metadata.name === "server")!.spec as { replicas: number }).replicas,
    ).toBeGreaterThan(1);
    for (const deployment of deployments) {
      const spec = podSpec(deployment);
      expect(spec.securityContext?.runAsNonRoot, deployment.metadata.name).toBe(true);
      for (const container of spec.containers) {
        const where = `${deployment.metadata.name}/${container.name}`;
        expect(container.securityContext, where).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(Object.keys(container.resources?.requests ?? {}).sort(), where).toEqual(["cpu", "memory"]);
        expect(Object.keys(container.resources?.limits ?? {}).sort(), where).toEqual(["cpu", "memory"]);
        if (container.ports?.length) {
          expect(container.livenessProbe?.httpGet.path, where).toBe("/healthz");
          expect(["/readyz", "/healthz"], where).toContain(container.readinessProbe?.httpGet.path);
        }
      }
    }
    const server = podSpec(deployments.find((d) => d.metadata.name === "server")!).containers[0]!;
    expect(server.readinessProbe?.httpGet.path).toBe("/readyz");
  });

  it("wires Services, disruption budgets, the Ingress and the secret files to what exists", () => {
    const deployments = byKind(overlay, "Deployment");
    const services = byKind(overlay, "Service");
    for (const service of services) {
      const selector = (service.spec as { selector: Record<string, string> }).selector;
      expect(
        deployments.some((d) => matches(selector, labelsOf(d))),
        service.metadata.name,
      ).toBe(true);
    }
    const budgets = byKind(overlay, "PodDisruptionBudget");
    expect(budgets.map((b) => b.metadata.name).sort()).toEqual(["bridge", "server", "web-portal"]);
    for (const budget of budgets) {
      const selector = (budget.spec as { selector: { matchLabels: Record<string, string> } }).selector
        .matchLabels;
      expect(deployments.filter((d) => matches(selector, labelsOf(d)))).toHaveLength(1);
    }
    const [ingress] = byKind(overlay, "Ingress");
    type Rule = { host: string; http: { paths: { path: string; backend: { service: { name: string } } }[] } };
    const rules = (ingress!.spec as { rules: Rule[] }).rules;
    expect(rules.map((rule) => rule.host)).toEqual(["portal.example.org", "api.example.org"]);
    for (const { path: urlPath, backend } of rules[0]!.http.paths) {
      expect(
        services.map((s) => s.metadata.name),
        urlPath,
      ).toContain(backend.service.name);
    }
    expect(rules[1]!.http.paths[0]!.backend.service.name).toBe("kong-kong-proxy");

    const [secret] = byKind(overlay, "Secret");
    const secretKeys = Object.keys(secret?.data as Record<string, string>);
    for (const deployment of deployments) {
      const spec = podSpec(deployment);
      const items = spec.volumes?.find((volume) => volume.secret)?.secret?.items ?? [];
      for (const item of items)
        expect(secretKeys, `${deployment.metadata.name}: ${item.key}`).toContain(item.key);
      for (const variable of spec.containers.flatMap((container) => container.env ?? [])) {
        if (!variable.name.endsWith("_FILE")) continue;
        const key = variable.value.replace("/run/secrets/portal/", "");
        expect(
          items.map((item) => item.path),
          `${deployment.metadata.name}: ${variable.name}`,
        ).toContain(key);
      }
    }
  });

  it("the overlay sets the namespace, the image and its patches", () => {
    for (const object of overlay) expect(object.metadata.namespace, object.metadata.name).toBe("api-portal");
    const adapter = byKind(overlay, "Deployment").find((d) => d.metadata.name === "kong-adapter")!;
    const container = podSpec(adapter).containers[0]!;
    expect(container.image).toBe("registry.example.com/api-portal:0.1.0");
    expect(container.env?.find((v) => v.name === "KONG_ADMIN_URL")?.value).toBe(
      "http://kong-kong-admin.kong:8001",
    );
    const server = byKind(overlay, "Deployment").find((d) => d.metadata.name === "server")!;
    expect((server.spec as { replicas: number }).replicas).toBe(4);
  });

  describe("the test's kustomize subset", () => {
    const dirs: string[] = [];
    afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

    it("refuses features it does not render, and patches of paths that do not exist", async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "kustomize-"));
      dirs.push(dir);
      await writeFile(path.join(dir, "kustomization.yaml"), "resources: [cm.yaml]\nnamePrefix: x-\n");
      await writeFile(path.join(dir, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n");
      expect(() => kustomizeBuild(dir)).toThrow(/namePrefix/);
      await writeFile(
        path.join(dir, "kustomization.yaml"),
        "resources: [cm.yaml]\npatches:\n  - target: { kind: ConfigMap, name: c }\n    patch: '[{op: replace, path: /data/x, value: y}]'\n",
      );
      expect(() => kustomizeBuild(dir)).toThrow(/does not exist/);
    });
  });
});
