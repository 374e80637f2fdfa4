/**
 * Pack-wide rules that keep code, README and stack configs from drifting apart: names, one policy per file
 * named after it, metadata, the README table (policies and levels per stack) and a test file per policy.
 */
import { existsSync, readdirSync, readFileSync } from "fs";
import * as path from "path";
import Ajv from "ajv";
import { Policy } from "@pulumi/policy";
import { loadPolicyConfig } from "../../policy-pack/offline";
import { configJsonSchema, reconcilePolicyConfig } from "../../policy-pack/offlineConfig";
import { policies } from "../../policy-pack/policies";

const packRoot = path.join(__dirname, "../../policy-pack");
const policiesRoot = path.join(packRoot, "policies");
/** `istio-<kind>-<verb>-<what>`; Argo CD's kinds (argoproj.io) are `argocd-<kind>-<verb>-<what>`. */
const namePattern = /^(?:istio|argocd)-([a-z][a-z0-9]*)-(require|forbid)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const stacks = ["dev", "staging", "prod"] as const;

const camelCase = (words: string) => words.replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

function policyFiles(): Array<{ group: string; file: string }> {
  return readdirSync(policiesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) => readdirSync(path.join(policiesRoot, dir.name)).map((file) => ({ group: dir.name, file })));
}

function readmeRows(): Map<string, string[]> {
  const readme = readFileSync(path.join(packRoot, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Policies"), readme.indexOf("## Settings per stack"));
  const rows = new Map<string, string[]>();
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const name = /^`((?:istio|argocd)-[^`]+)`$/.exec(cells[2] ?? "")?.[1];
    if (name) {
      rows.set(name, cells.slice(3, 6));
    }
  }
  return rows;
}

describe("the policy pack", () => {
  it.each(policies.map((policy) => [policy.name, policy] as const))("%s follows the naming rule and carries its metadata", (_name, policy: Policy) => {
    expect(policy.name).toMatch(namePattern);
    expect(policy.description.length).toBeGreaterThan(40);
    expect(policy.enforcementLevel).toMatch(/^(advisory|mandatory)$/);
    expect(policy.severity).toBeDefined();
    for (const [property, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
      expect([property, "default" in schema]).toEqual([property, true]);
    }
  });

  it("declares config schemas that are valid JSON Schema (the evaluator compiles them without checking them again)", () => {
    const ajv = new Ajv({ strict: true, strictRequired: false });
    const withSchemas = policies.flatMap((policy) => (policy.configSchema ? [{ name: policy.name, schema: configJsonSchema(policy.configSchema) }] : []));
    expect(withSchemas.length).toBeGreaterThan(0);
    for (const { name, schema } of withSchemas) {
      expect([name, ajv.validateSchema(schema), ajv.errors ?? []]).toEqual([name, true, []]);
      expect(() => ajv.compile(schema)).not.toThrow();
    }
  });

  it("has unique policy names", () => {
    expect(new Set(policies.map((policy) => policy.name)).size).toBe(policies.length);
  });

  it("keeps one policy per file, named after the policy, in the folder of its kind, with a test beside the mirror", () => {
    const files = policyFiles();
    const listed = new Set(policies);
    expect(files).toHaveLength(policies.length);
    for (const { group, file } of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported = Object.entries(require(path.join(policiesRoot, group, file)) as Record<string, Policy>).filter(([, value]) => listed.has(value));
      expect(exported).toHaveLength(1);
      const [constant, policy] = exported[0];
      const [, kind, verb, what] = namePattern.exec(policy.name) ?? [];
      expect({ file, constant, kind }).toEqual({ file: `${camelCase(`${verb}-${what}`)}.ts`, constant: camelCase(`${verb}-${what}`), kind: group.toLowerCase() });
      expect(existsSync(path.join(__dirname, group, file.replace(/\.ts$/, ".test.ts")))).toBe(true);
    }
  });

  it("lists every policy, and only those, in the README table", () => {
    expect([...readmeRows().keys()].sort()).toEqual(policies.map((policy) => policy.name).sort());
  });

  it.each(stacks)("shows in the README the level each policy has in %s", (stack) => {
    const column = stacks.indexOf(stack);
    const reconciled = reconcilePolicyConfig(policies, loadPolicyConfig(stack));
    const rows = readmeRows();
    for (const policy of policies) {
      expect([policy.name, rows.get(policy.name)?.[column]]).toEqual([policy.name, reconciled.get(policy.name)?.enforcementLevel]);
    }
  });

  it.each(stacks)("accepts the %s config, which only names policies of the pack", (stack) => {
    const config = loadPolicyConfig(stack);
    const names = new Set(policies.map((policy) => policy.name));
    expect(Object.keys(config).filter((key) => key !== "all" && !names.has(key))).toEqual([]);
    expect(() => reconcilePolicyConfig(policies, config)).not.toThrow();
  });

  it("applies the properties' dev exceptions: properties 3 and 20 advisory in dev only", () => {
    const levels = Object.fromEntries(stacks.map((stack) => [stack, reconcilePolicyConfig(policies, loadPolicyConfig(stack))]));
    for (const name of ["istio-peerauthentication-require-strict-mtls", "istio-helmrelease-require-registry-only-egress"]) {
      expect(stacks.map((stack) => levels[stack].get(name)?.enforcementLevel)).toEqual(["advisory", "mandatory", "mandatory"]);
    }
    expect(levels.prod.get("istio-gateway-forbid-wildcard-hosts")?.properties).toEqual({ allowWildcardHosts: false });
    // A plaintext hop to the egress gateway is a security defect where credentials are real; dev only warns.
    expect(stacks.map((stack) => levels[stack].get("istio-gateway-forbid-plaintext-egress")?.enforcementLevel)).toEqual(["advisory", "mandatory", "mandatory"]);
    expect(levels.prod.get("istio-helmrelease-require-high-availability")?.properties).toEqual({ requireHighAvailability: true, minReplicas: 2 });
  });
});
