import fc from "fast-check";
import { requireDefinedSubset } from "../../../policy-pack/policies/virtualService/requireDefinedSubset";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule, virtualService } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField, withResourceField } from "../../support/policyHarness";

const policy = requireDefinedSubset;
const label = "VirtualService shop/reviews";

describe(policy.name, () => {
  it("passes subsets defined by the host's DestinationRule", () => expectCompliant(policy, [virtualService(), destinationRule()]));
  it("passes a DestinationRule that names the host fully qualified", () =>
    expectCompliant(policy, [virtualService(), withField(destinationRule("istio-system"), "spec.host", "reviews.shop.svc.cluster.local")]));
  it("passes destinations without subset", () =>
    expectCompliant(policy, [withField(virtualService(), "spec.http[0].route", [{ destination: { host: "reviews" } }])]));

  it("fails a subset the DestinationRule doesn't define", async () =>
    expectViolations(await runPolicy(policy, [withField(virtualService(), "spec.http[0].route[1].destination.subset", "v3"), destinationRule()]), [
      { resource: label, path: "spec.http[0].route[1].destination.subset", found: '"v3"', expected: "one of the subsets defined for reviews.shop.svc.cluster.local: v1, v2" },
    ]));
  it("fails when the only DestinationRule for the short name lives in another namespace", async () =>
    expectViolations(await runPolicy(policy, [virtualService(), destinationRule("billing")]), [
      { resource: label, path: "spec.http[0].route[0].destination.subset", expected: "a subset defined by a DestinationRule for reviews.shop.svc.cluster.local (none exists)" },
      { resource: label, path: "spec.http[0].route[1].destination.subset" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [virtualService()]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any generated mesh once a route names an undefined subset", async () => {
    await fc.assert(
      fc.asyncProperty(meshStack(), kubernetesName().map((name) => `x-${name}`), async ({ namespaces, resources }, subset) => {
        const ns = namespaces[0];
        const broken = withResourceField(resources, "VirtualService", `${ns}-web`, "spec.http[0].route[0].destination.subset", subset);
        expectViolations(await runPolicy(policy, broken), [
          { resource: `VirtualService ${ns}/web`, path: "spec.http[0].route[0].destination.subset", found: JSON.stringify(subset), expected: `one of the subsets defined for web.${ns}.svc.cluster.local: v1, v2` },
        ]);
      }),
      propertyRuns,
    );
  });
});
