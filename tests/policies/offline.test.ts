/** The offline evaluator behaves like the analyzer in @pulumi/policy/server.js and the CLI's config handling. */
import { Policies, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { evaluatePolicies, loadPolicyConfig, OfflineResource, policyPackName, policyPackVersion } from "../../policy-pack/offline";
import { appliesToType, type TypeFilteredPolicy } from "../../policy-pack/lib/definePolicy";
import { reconcilePolicyConfig } from "../../policy-pack/offlineConfig";
import { requireValidTimeout } from "../../policy-pack/policies/virtualService/requireValidTimeout";
import { namespace, virtualService } from "../support/meshFactories";
import { withField } from "../support/policyHarness";

const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

const reporting: ResourceValidationPolicy = {
  name: "test-report-every-resource",
  description: "Reports every resource.",
  enforcementLevel: "advisory",
  configSchema: { properties: { label: { type: "string", default: "x" }, limit: { type: "integer", minimum: 1, default: 3 } } },
  validateResource: [
    (args, report) => report(`${args.name} ${JSON.stringify(args.getConfig())}`),
    async (args) => args.notApplicable("not today"),
  ],
};
const typed: ResourceValidationPolicy = {
  name: "test-namespaces-only",
  description: "Only namespaces.",
  validateResource: Object.assign<ResourceValidation, object>((_args, report) => report("seen"), { __pulumiType: "kubernetes:core/v1:Namespace" }),
};
const stackWide: StackValidationPolicy = {
  name: "test-stack",
  description: "Sees the whole stack.",
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    for (const resource of args.resources) {
      report(`${resource.name} parent=${resource.parent?.name ?? "-"} deps=${resource.dependencies.map((d) => d.name).join(",")}`, resource.urn);
    }
  },
};
const testPack: Policies = [reporting, typed, stackWide];

const child: OfflineResource = { ...virtualService(), parent: namespace().urn, dependencies: [namespace().urn, "urn:missing"] };

describe("offline evaluator", () => {
  it("names the pack and reads its version from package.json", () => {
    expect(policyPackName).toBe("istio-mesh");
    expect(policyPackVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("loads each stack's config and explains a missing one", () => {
    expect(loadPolicyConfig("prod")).toHaveProperty(["istio-gateway-forbid-wildcard-hosts", "allowWildcardHosts"], false);
    expect(() => loadPolicyConfig("qa")).toThrow(/no policy config for stack "qa": expected .*config\/qa\.json/);
  });

  it("prefixes messages with the description, attributes them and fills config defaults", async () => {
    const violations = await evaluatePolicies([namespace()], {}, [reporting]);
    expect(violations).toEqual([{
      policyName: "test-report-every-resource",
      enforcementLevel: "advisory",
      message: 'Reports every resource.\nshop {"label":"x","limit":3}',
      description: "Reports every resource.",
      urn: namespace().urn,
      resourceName: "shop",
      resourceType: "kubernetes:core/v1:Namespace",
    }]);
  });

  it("applies all, then each policy's level, and merges properties over defaults", async () => {
    const config = { all: "mandatory", "test-report-every-resource": { label: "y" }, "test-stack": "disabled" };
    const violations = await evaluatePolicies([namespace()], config, testPack);
    expect(violations.map((v) => [v.policyName, v.enforcementLevel, v.message.split("\n")[1]])).toEqual([
      ["test-report-every-resource", "mandatory", 'shop {"label":"y","limit":3}'],
      ["test-namespaces-only", "mandatory", "seen"],
    ]);
  });

  it("skips a policy typed for another resource type, as the analyzer's fast path does", async () => {
    const violations = await evaluatePolicies([virtualService()], { all: "advisory", "test-report-every-resource": "disabled", "test-stack": "disabled" }, testPack);
    expect(violations).toEqual([]);
  });

  it("does not call a pack policy for a resource of a kind it does not cover, with the findings calling it gives", async () => {
    const calls: string[] = [];
    const counted = (policy: TypeFilteredPolicy): TypeFilteredPolicy => ({
      ...policy,
      validateResource: (args, report) => {
        calls.push(args.type);
        return (policy.validateResource as ResourceValidation)(args, report);
      },
    });
    const { [appliesToType]: appliesTo, ...unfiltered } = requireValidTimeout as TypeFilteredPolicy;
    const resources = [namespace(), withField(virtualService(), "spec.http[0].timeout", "soon")];
    const config = { [requireValidTimeout.name]: "mandatory" };

    const filtered = await evaluatePolicies(resources, config, [counted(requireValidTimeout)]);
    expect(calls).toEqual(["kubernetes:networking.istio.io/v1:VirtualService"]);
    calls.length = 0;
    const called = await evaluatePolicies(resources, config, [counted(unfiltered)]);
    expect(calls).toEqual(["kubernetes:core/v1:Namespace", "kubernetes:networking.istio.io/v1:VirtualService"]);
    expect(filtered).toEqual(called);
    expect(filtered).toHaveLength(1);
    expect(appliesTo?.("kubernetes:core/v1:Namespace")).toBe(false);
  });

  it("treats remediate as mandatory", async () => {
    const [violation] = await evaluatePolicies([namespace()], { "test-report-every-resource": "remediate" }, [reporting]);
    expect(violation.enforcementLevel).toBe("mandatory");
  });

  it("gives stack policies parents and dependencies as resource objects, dropping unknown URNs", async () => {
    const violations = await evaluatePolicies([namespace(), child], {}, [stackWide]);
    expect(violations.map((v) => v.message.split("\n")[1])).toEqual(["shop parent=- deps=", "shop-reviews parent=shop deps=shop"]);
    expect(violations[1].urn).toBe(child.urn);
  });

  it("turns an unknown value into an advisory 'can't run during preview', like the analyzer", async () => {
    const violations = await evaluatePolicies([withField(virtualService(), "spec.http[0].timeout", unknownValue)], { all: "disabled", [requireValidTimeout.name]: "mandatory" });
    expect(violations).toHaveLength(1);
    expect(violations[0].enforcementLevel).toBe("advisory");
    expect(violations[0].message).toMatch(/^can't run policy 'istio-virtualservice-require-valid-timeout' from policy pack 'istio-mesh@v.*' during preview/);
  });

  it("never reads the props of a resource a policy doesn't cover, so its unknowns don't matter", async () => {
    const unknownNamespace = withField(namespace(), "metadata", unknownValue);
    expect(await evaluatePolicies([unknownNamespace], { all: "disabled", [requireValidTimeout.name]: "mandatory" })).toEqual([]);
  });

  it("unwraps secrets before the policies see them", async () => {
    const violations = await evaluatePolicies([withField(virtualService(), "spec.http[0].timeout", secret("10m"))], { all: "disabled", [requireValidTimeout.name]: "mandatory" });
    expect(violations.map((v) => v.message)).toEqual([expect.stringContaining('spec.http[0].timeout found "10m"')]);
  });

  it("rejects config the CLI would reject, naming the policy and the setting", () => {
    expect(() => reconcilePolicyConfig(testPack, { all: "sometimes" })).toThrow(/"all": "sometimes" is not a valid enforcement level/);
    expect(() => reconcilePolicyConfig(testPack, { "test-stack": 3 })).toThrow(/parsing "test-stack": 3 is not a valid value; must be a string or object/);
    expect(() => reconcilePolicyConfig(testPack, { "test-report-every-resource": { limit: 0, label: 5 } })).toThrow(
      /policy pack configuration is invalid:\n {2}test-report-every-resource: label must be string\n {2}test-report-every-resource: limit must be >= 1/,
    );
  });

  it("rethrows a policy's own error with the policy named", async () => {
    const failing: ResourceValidationPolicy = { name: "test-throws", description: "Throws.", validateResource: () => { throw new Error("boom"); } };
    await expect(evaluatePolicies([namespace()], {}, [failing])).rejects.toThrow(/Error validating resource with policy 'test-throws' from policy pack 'istio-mesh@v[^']+': boom/);
  });
});
