import fc from "fast-check";
import { requireKnownHost } from "../../../policy-pack/policies/destinationRule/requireKnownHost";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { destinationRule, service, serviceEntry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireKnownHost;

describe(policy.name, () => {
  it("passes a rule for a declared Service", () => expectCompliant(policy, [service(), destinationRule()]));
  it("passes a rule for a ServiceEntry host", () => expectCompliant(policy, [serviceEntry(), withField(destinationRule(), "spec.host", "api.payments.example.com")]));
  it("passes a cluster host in a namespace whose Services another stack declares", () => expectCompliant(policy, [withField(destinationRule(), "spec.host", "ratings.other.svc.cluster.local")]));
  it("fails a rule for a Service the namespace lacks", async () =>
    expectViolations(await runPolicy(policy, [service(), withField(destinationRule(), "spec.host", "ratings")]), [
      { resource: "DestinationRule shop/reviews", path: "spec.host", found: '"ratings"', expected: "a host a Service or ServiceEntry of the stack provides to this namespace" },
    ]));
  it("fails an external host no ServiceEntry declares", async () =>
    expectViolations(await runPolicy(policy, [withField(destinationRule(), "spec.host", "db.example.com")]), [{ resource: "DestinationRule shop/reviews", path: "spec.host" }]));

  itReportsAtConfiguredLevels(policy, () => [withField(destinationRule(), "spec.host", "db.example.com")]);

  it("passes a rule for any declared Service", async () => {
    await fc.assert(fc.asyncProperty(kubernetesName(), async (name) => expect(await runPolicy(policy, [service("shop", name), withField(destinationRule(), "spec.host", name)])).toEqual([])), propertyRuns);
  });
  it("fails a rule for any undeclared external host", async () => {
    await fc.assert(fc.asyncProperty(kubernetesName(), async (name) => expectViolations(await runPolicy(policy, [withField(destinationRule(), "spec.host", `${name}.example.org`)]), [{ resource: "DestinationRule shop/reviews", path: "spec.host" }])), propertyRuns);
  });
});
