/**
 * The pack's structural-schema and CEL validator, judged on upstream's own evidence: every example the Gateway API
 * module ships for the standard channel is accepted, every invalid example it ships is rejected (by the reference
 * CRDs in ../shared and by the pack's standard-channel schemas), and the pack's schemas are the reference's
 * standard subset. The module comes from the Go module cache (`npm run gateway-api-crds` fetches it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { gatewayApiSchemaProblems, gatewayApiSchemas } from "../../../policy-pack/lib/gatewayApiSchema";
import { gatewayApiSchemaVersion } from "../../../policy-pack/lib/gatewayApiSchemaFile";
import { type SchemaNode, structuralProblems } from "../../../policy-pack/lib/structuralSchema";
import { referenceAvailable, referenceSchemas } from "../../support/gatewayApiSchema";

const moduleDir = path.join(process.env.GOMODCACHE ?? path.join(os.homedir(), "go", "pkg", "mod"), `sigs.k8s.io/gateway-api@${gatewayApiSchemaVersion}`);
const moduleAvailable = fs.existsSync(moduleDir);
if (!moduleAvailable) console.warn(`skipping upstream example checks: ${moduleDir} is absent (npm run gateway-api-crds downloads it)`);
if (!referenceAvailable) console.warn("skipping reference CRD checks: ../shared/reference is absent");

type Json = Record<string, unknown>;

function yamlObjects(folder: string): { file: string; object: Json }[] {
  const files = fs.readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".yaml")).sort();
  return files.flatMap((file) =>
    parseAllDocuments(fs.readFileSync(path.join(folder, file), "utf8"))
      .map((document) => document.toJS() as Json | null)
      .filter((object): object is Json => object !== null && String(object.apiVersion).startsWith("gateway.networking.k8s.io/"))
      .map((object) => ({ file, object })),
  );
}

const describeModule = moduleAvailable ? describe : describe.skip;
const describeReference = referenceAvailable ? describe : describe.skip;

describeModule("upstream's standard-channel examples", () => {
  const examples = moduleAvailable ? yamlObjects(path.join(moduleDir, "examples/standard")) : [];

  it("are all accepted by the pack's standard-channel schemas and CEL rules", () => {
    expect(examples.length).toBeGreaterThan(50);
    const problems = examples.flatMap(({ file, object }) => gatewayApiSchemaProblems(object).map((problem) => `${file}: ${problem.path}: ${problem.problem}`));
    expect(problems).toEqual([]);
  });

  it("are each rejected when invalid: every file of hack/invalid-examples/standard", () => {
    const invalid = yamlObjects(path.join(moduleDir, "hack/invalid-examples/standard"));
    expect(invalid.length).toBeGreaterThan(25);
    const accepted = invalid.filter(({ object }) => gatewayApiSchemaProblems(object).length === 0).map(({ file }) => file);
    expect(accepted).toEqual([]);
  });
});

describeReference("the pack's schemas against the reference CRDs (experimental channel, v1.5.1)", () => {
  /** Every field path a schema declares. */
  function fieldPaths(schema: SchemaNode, at = ""): string[] {
    const children = [
      ...Object.entries(schema.properties ?? {}).map(([key, child]) => [`${at}.${key}`, child] as const),
      ...(schema.items ? [[`${at}[]`, schema.items] as const] : []),
      ...(typeof schema.additionalProperties === "object" ? [[`${at}{}`, schema.additionalProperties] as const] : []),
    ];
    return children.flatMap(([childAt, child]) => [childAt, ...fieldPaths(child, childAt)]);
  }

  it("serve only kinds and versions the reference serves, with a subset of its fields", () => {
    const reference = referenceSchemas();
    for (const [key, schema] of gatewayApiSchemas()) {
      const wider = reference.get(key);
      expect(wider).toBeDefined();
      const known = new Set(fieldPaths(wider as SchemaNode));
      expect(fieldPaths(schema).filter((field) => !known.has(field))).toEqual([]);
    }
  });

  it("reject an experimental field the reference accepts: HTTPRoute retry", () => {
    const route = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "api", namespace: "shop" },
      spec: { parentRefs: [{ name: "ingress" }], rules: [{ backendRefs: [{ name: "api", port: 80 }], retry: { attempts: 2 } }] },
    };
    expect(structuralProblems(route, referenceSchemas().get("gateway.networking.k8s.io/v1/HTTPRoute") as SchemaNode)).toEqual([]);
    expect(gatewayApiSchemaProblems(route)).toEqual([expect.objectContaining({ path: "spec.rules[0].retry", problem: expect.stringContaining("not a field") })]);
  });
});

describe("structuralProblems", () => {
  const schema: SchemaNode = {
    type: "object",
    properties: {
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: { type: "object" },
      spec: {
        type: "object",
        required: ["items"],
        properties: {
          items: {
            type: "array",
            maxItems: 3,
            "x-kubernetes-list-type": "map",
            "x-kubernetes-list-map-keys": ["name"],
            items: { type: "object", properties: { name: { type: "string", pattern: "^[a-z]+$" }, weight: { type: "integer", default: 1, minimum: 0 } } },
            "x-kubernetes-validations": [{ rule: "self.all(i, i.weight >= 0) && self.exists(i, i.weight > 0)", message: "one weight must be positive" }, { rule: "self == oldSelf" }],
          },
        },
      },
    },
  };
  const object = (items: unknown[]) => ({ apiVersion: "v1", kind: "Test", metadata: { name: "t" }, spec: { items } });

  it("applies defaults before the CEL rules, as the API server stores the object", () => expect(structuralProblems(object([{ name: "a" }]), schema)).toEqual([]));
  it("reports a failed CEL rule with its message", () =>
    expect(structuralProblems(object([{ name: "a", weight: 0 }]), schema)).toEqual([{ path: "spec.items", value: [{ name: "a", weight: 0 }], problem: "one weight must be positive" }]));
  it("reports a pattern, a duplicate map key and an unknown field by path", () =>
    expect(structuralProblems(object([{ name: "A" }, { name: "b", extra: true }, { name: "b" }]), schema).map(({ path }) => path)).toEqual(["spec.items", "spec.items[0].name", "spec.items[1].extra"]));
  it("reports a missing required field and a wrong type", () => {
    expect(structuralProblems({ apiVersion: "v1", kind: "Test", metadata: {}, spec: {} }, schema)).toEqual([{ path: "spec.items", value: undefined, problem: "is required" }]);
    expect(structuralProblems(object([{ name: "a", weight: "1" }]), schema).map(({ problem }) => problem)).toContain("must be of type integer");
  });
});
