import fc from "fast-check";
import { requireSelectedWorkload } from "../../../policy-pack/policies/telemetry/requireSelectedWorkload";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, telemetry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireSelectedWorkload;
const selecting = (labels: Record<string, string>, namespace = "shop") => withField(telemetry(namespace, "reviews"), "spec.selector", { matchLabels: labels });

describe(policy.name, () => {
  it("passes a Telemetry selecting a Deployment's pods", () => expectCompliant(policy, [deployment(), selecting({ app: "reviews" })]));
  it("passes a namespace-wide Telemetry", () => expectCompliant(policy, [deployment(), telemetry("shop", "default")]));
  it("passes a stack that deploys no workloads of its own", () => expectCompliant(policy, [selecting({ app: "ratings" })]));

  it("fails a selector no pod of the namespace carries", async () =>
    expectViolations(await runPolicy(policy, [deployment(), selecting({ app: "ratings" })]), [
      { resource: "Telemetry shop/reviews", path: "spec.selector.matchLabels", found: '{"app":"ratings"}', expected: "labels of pods in namespace shop (none matches app=ratings)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [deployment(), selecting({ app: "ratings" })]);

  it("passes a selector on any pod label of the namespace", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), kubernetesName(), async (key, value) => {
        expect(await runPolicy(policy, [deployment("shop", "app", { [key]: value }), selecting({ [key]: value })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails a selector on the right labels in another namespace", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName().filter((ns) => ns !== "shop"), async (ns) => {
        expectViolations(await runPolicy(policy, [deployment(), selecting({ app: "reviews" }, ns)]), [{ resource: `Telemetry ${ns}/reviews`, path: "spec.selector.matchLabels" }]);
      }),
      propertyRuns,
    );
  });
});
