/**
 * `npm run gateway-api-crds [-- --check]`: extracts the Gateway API standard channel of the pinned release from its
 * Go module (`sigs.k8s.io/gateway-api`, `config/crd/standard/gateway*.yaml`, the files upstream's
 * `standard-install.yaml` concatenates) into the two files this repository checks in:
 * - the objects the program installs with `gatewayApi.crds: install` (CRDs and the safe-upgrades admission policy);
 * - the OpenAPI schemas, CEL rules included and descriptions left out, the policy pack validates objects against.
 * `--check` writes nothing and exits 1 when either file differs from a fresh extraction (CI runs it). Needs Go and
 * the Go module proxy.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { gatewayApiBundle, gatewayApiManifestsFile } from "../components/gatewayApi/gatewayApiBundle";
import { gatewayApiSchemaFile, gatewayApiSchemaVersion } from "../policy-pack/lib/gatewayApiSchemaFile";

const projectDir = path.resolve(__dirname, "..");
const modulePath = "sigs.k8s.io/gateway-api";
const crdFolder = "config/crd/standard";

type Json = Record<string, unknown>;

function moduleDir(): string {
  const output = execFileSync("go", ["mod", "download", "-json", `${modulePath}@${gatewayApiBundle.version}`], { cwd: projectDir, encoding: "utf8" });
  const { Dir, Error: error } = JSON.parse(output) as { Dir?: string; Error?: string };
  if (Dir === undefined) throw new Error(`go mod download ${modulePath}@${gatewayApiBundle.version}: ${error ?? "no module folder"}`);
  return Dir;
}

function withoutDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDescriptions);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value as Json).filter(([key]) => key !== "description").map(([key, inner]) => [key, withoutDescriptions(inner)]));
}

/** The upstream objects, in the order of upstream's install file: `gateway*.yaml` sorted by name. */
function upstreamObjects(dir: string): Json[] {
  const folder = path.join(dir, crdFolder);
  const files = fs.readdirSync(folder).filter((file) => file.startsWith("gateway") && file.endsWith(".yaml")).sort();
  return files.flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(folder, file), "utf8")).map((document) => document.toJS() as Json | null)).filter((object): object is Json => object !== null);
}

/** One object per line, so a version bump shows as a diff per object. */
function manifestsText(objects: readonly Json[]): string {
  const header = { source: `${modulePath}@${gatewayApiBundle.version} ${crdFolder}`, version: gatewayApiBundle.version, channel: gatewayApiBundle.channel };
  return `${JSON.stringify(header).slice(0, -1)},"objects":[\n${objects.map((object) => JSON.stringify(object)).join(",\n")}\n]}\n`;
}

interface CrdShape {
  readonly spec: { readonly group: string; readonly names: { readonly kind: string }; readonly versions: readonly { readonly name: string; readonly served: boolean; readonly schema: { readonly openAPIV3Schema: Json } }[] };
}

/** `<group>/<version>/<Kind>` → the served version's schema without descriptions. */
function schemasText(objects: readonly Json[]): string {
  const schemas: Record<string, unknown> = {};
  for (const object of objects) {
    if (object.kind !== "CustomResourceDefinition") continue;
    const { spec } = object as unknown as CrdShape;
    for (const version of spec.versions) {
      if (version.served) schemas[`${spec.group}/${version.name}/${spec.names.kind}`] = withoutDescriptions(version.schema.openAPIV3Schema);
    }
  }
  const header = { source: `${modulePath}@${gatewayApiBundle.version} ${crdFolder}`, version: gatewayApiBundle.version, channel: gatewayApiBundle.channel };
  return `${JSON.stringify({ ...header, schemas }, null, 1)}\n`;
}

function main(): void {
  if (gatewayApiSchemaVersion !== gatewayApiBundle.version) {
    throw new Error(`the pack validates against Gateway API ${gatewayApiSchemaVersion} but the program installs ${gatewayApiBundle.version}: change both`);
  }
  const check = process.argv.includes("--check");
  const objects = upstreamObjects(moduleDir());
  const outputs = [
    { file: path.join(projectDir, gatewayApiManifestsFile), text: manifestsText(objects) },
    { file: path.join(projectDir, "policy-pack", gatewayApiSchemaFile), text: schemasText(objects) },
  ];
  const stale = outputs.filter(({ file, text }) => !fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text);
  if (check) {
    for (const { file } of stale) console.error(`${path.relative(projectDir, file)} differs from a fresh extraction of ${modulePath}@${gatewayApiBundle.version}: run npm run gateway-api-crds`);
    if (stale.length > 0) process.exit(1);
    console.log(`Gateway API ${gatewayApiBundle.version} files match the module`);
    return;
  }
  for (const { file, text } of stale) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(projectDir, file)}`);
  }
}

main();
