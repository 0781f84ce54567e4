import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

/** A Kubernetes object as rendered: apiVersion, kind, metadata and the rest. */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

interface Kustomization {
  resources?: string[];
  namespace?: string;
  labels?: { pairs: Record<string, string> }[];
  images?: { name: string; newName?: string; newTag?: string }[];
  secretGenerator?: { name: string; envs?: string[]; options?: { disableNameSuffixHash?: boolean } }[];
  patches?: { target: { kind: string; name: string }; patch: string }[];
}

const supported = new Set([
  "apiVersion",
  "kind",
  "resources",
  "namespace",
  "labels",
  "images",
  "secretGenerator",
  "patches",
]);

function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, "utf8")).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]?.message}`);
    return document.toJS() as unknown;
  });
}

/**
 * The subset of `kustomize build` that deploy/k8s uses: `resources` (files and directories with a
 * kustomization.yaml), `namespace`, `labels` (metadata only), `images`, `secretGenerator` from env files without
 * name suffix, and JSON 6902 `patches` (add, replace, remove) on a target kind and name. Anything else is refused,
 * so the manifests cannot silently use a feature this renderer ignores.
 */
export function kustomizeBuild(dir: string): KubernetesObject[] {
  const [kustomization] = readYamlDocuments(path.join(dir, "kustomization.yaml")) as [Kustomization];
  const unknown = Object.keys(kustomization).filter((key) => !supported.has(key));
  if (unknown.length > 0)
    throw new Error(`${dir}: kustomize features not rendered by the test: ${unknown.join(", ")}`);

  const objects: KubernetesObject[] = [];
  for (const resource of kustomization.resources ?? []) {
    const target = path.join(dir, resource);
    objects.push(
      ...(resource.endsWith(".yaml")
        ? (readYamlDocuments(target) as KubernetesObject[])
        : kustomizeBuild(target)),
    );
  }
  for (const generator of kustomization.secretGenerator ?? []) {
    if (!generator.options?.disableNameSuffixHash)
      throw new Error(`${generator.name}: name suffixes are not rendered`);
    const data: Record<string, string> = {};
    for (const envFile of generator.envs ?? []) {
      for (const line of readFileSync(path.join(dir, envFile), "utf8").split("\n")) {
        const at = line.indexOf("=");
        if (line.trim() === "" || line.startsWith("#")) continue;
        if (at <= 0) throw new Error(`${envFile}: not KEY=value: ${line}`);
        data[line.slice(0, at)] = Buffer.from(line.slice(at + 1)).toString("base64");
      }
    }
    objects.push({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: generator.name },
      type: "Opaque",
      data,
    });
  }
  for (const object of objects) {
    if (kustomization.namespace) object.metadata.namespace = kustomization.namespace;
    for (const { pairs } of kustomization.labels ?? [])
      object.metadata.labels = { ...object.metadata.labels, ...pairs };
    for (const container of containersOf(object)) {
      const image = kustomization.images?.find(
        (candidate) => candidate.name === container.image.split(":")[0],
      );
      if (image) container.image = `${image.newName ?? image.name}${image.newTag ? `:${image.newTag}` : ""}`;
    }
  }
  for (const { target, patch } of kustomization.patches ?? []) {
    const object = objects.find((o) => o.kind === target.kind && o.metadata.name === target.name);
    if (!object) throw new Error(`patch target ${target.kind}/${target.name} not found`);
    for (const operation of (readYamlDocumentsFromText(patch)[0] ?? []) as JsonPatchOperation[])
      applyPatch(object, operation);
  }
  return objects;
}

function readYamlDocumentsFromText(text: string): unknown[] {
  return parseAllDocuments(text).map((document) => document.toJS() as unknown);
}

function containersOf(object: KubernetesObject): { image: string }[] {
  const spec = (object.spec as { template?: { spec?: { containers?: { image: string }[] } } } | undefined)
    ?.template?.spec;
  return spec?.containers ?? [];
}

interface JsonPatchOperation {
  op: "add" | "replace" | "remove";
  path: string;
  value?: unknown;
}

function applyPatch(object: KubernetesObject, operation: JsonPatchOperation): void {
  const segments = operation.path
    .split("/")
    .slice(1)
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
  const last = segments.pop();
  let parent: unknown = object;
  for (const segment of segments) {
    parent = (parent as Record<string, unknown>)[segment];
    if (parent === undefined) throw new Error(`patch path ${operation.path} does not exist`);
  }
  const container = parent as Record<string, unknown> & unknown[];
  if (last === undefined) throw new Error("patch path is empty");
  const exists = Array.isArray(container) ? Number(last) < container.length : last in container;
  if (operation.op !== "add" && !exists) throw new Error(`patch path ${operation.path} does not exist`);
  if (operation.op === "remove") {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  } else if (Array.isArray(container) && operation.op === "add") {
    container.splice(last === "-" ? container.length : Number(last), 0, operation.value);
  } else {
    container[last] = operation.value;
  }
}
