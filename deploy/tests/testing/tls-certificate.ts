import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

export interface TestCertificate {
  /** The certificate alone, for clients to trust. */
  readonly certificate: string;
  /** Certificate and key in one PEM file, as HAProxy's `crt` takes it. */
  readonly haproxyPemFile: string;
  readonly remove: () => Promise<void>;
}

/** A self-signed certificate for the given host names (openssl, EC P-256, valid one day). */
export async function createTestCertificate(hosts: readonly string[]): Promise<TestCertificate> {
  const dir = await mkdtemp(path.join(tmpdir(), "deploy-test-tls-"));
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  await promisify(execFile)("openssl", [
    "req",
    "-x509",
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-days",
    "1",
    "-subj",
    `/CN=${hosts[0] ?? "localhost"}`,
    "-addext",
    `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(",")}`,
    "-keyout",
    key,
    "-out",
    cert,
  ]);
  const certificate = await readFile(cert, "utf8");
  const haproxyPemFile = path.join(dir, "haproxy.pem");
  await writeFile(haproxyPemFile, certificate + (await readFile(key, "utf8")));
  return { certificate, haproxyPemFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
