import fc from "fast-check";
import { requireSubsetWorkloads } from "../../../policy-pack/policies/destinationRule/requireSubsetWorkloads";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, destinationRule, kubernetesObject, pod, service } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireSubsetWorkloads;
const versions = () => [deployment("shop", "reviews-v1", { app: "reviews", version: "v1" }), deployment("shop", "reviews-v2", { app: "reviews", version: "v2" })];

describe(policy.name, () => {
  it("passes subsets whose versions run", () => expectCompliant(policy, [service(), ...versions(), destinationRule()]));
  it("passes a subset on node topology labels Istio adds", () =>
    expectCompliant(policy, [
      service(),
      withField(pod(), "spec.nodeName", "node-a"),
      kubernetesObject("v1", "Node", undefined, "node-a", {}, { labels: { "topology.kubernetes.io/zone": "eu-1a" } }),
      withField(destinationRule(), "spec.subsets", [{ name: "zone-a", labels: { "topology.kubernetes.io/zone": "eu-1a" } }]),
    ]));
  it("passes a stack that deploys no workloads of its own", () => expectCompliant(policy, [service(), destinationRule()]));
  it("fails a subset for a version nothing runs", async () =>
    expectViolations(await runPolicy(policy, [service(), deployment("shop", "reviews-v1", { app: "reviews", version: "v1" }), destinationRule()]), [
      { resource: "DestinationRule shop/reviews", path: "spec.subsets[1].labels", found: '{"version":"v2"}', expected: "labels of pods the stack runs (subset v2 selects none)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [service(), deployment("shop", "other", { app: "other" }), destinationRule()]);

  it("passes any subsets whose labels a Deployment carries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 4 }), async (names) => {
        const resources = [service(), ...names.map((name) => deployment("shop", `reviews-${name}`, { app: "reviews", version: name })), withField(destinationRule(), "spec.subsets", names.map((name) => ({ name, labels: { version: name } })))];
        expect(await runPolicy(policy, resources)).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails every subset whose version does not run", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 4 }), async (names) => {
        const resources = [service(), ...versions(), withField(destinationRule(), "spec.subsets", names.map((name) => ({ name, labels: { version: `x-${name}` } })))];
        expect(await runPolicy(policy, resources)).toHaveLength(names.length);
      }),
      propertyRuns,
    );
  });
});
