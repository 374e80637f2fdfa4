import fc from "fast-check";
import { requireSelectedWorkload } from "../../../policy-pack/policies/sidecar/requireSelectedWorkload";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, sidecar } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireSelectedWorkload;
const selecting = (labels: Record<string, string>, namespace = "shop") => withField(sidecar(namespace, "reviews"), "spec.workloadSelector", { labels });

describe(policy.name, () => {
  it("passes a Sidecar selecting a Deployment's pods", () => expectCompliant(policy, [deployment(), selecting({ app: "reviews" })]));
  it("passes a namespace-wide Sidecar", () => expectCompliant(policy, [deployment(), sidecar()]));
  it("passes a stack that deploys no workloads of its own", () => expectCompliant(policy, [selecting({ app: "ratings" })]));

  it("fails a selector no pod of the namespace carries", async () =>
    expectViolations(await runPolicy(policy, [deployment(), selecting({ app: "ratings" })]), [
      { resource: "Sidecar shop/reviews", path: "spec.workloadSelector.labels", found: '{"app":"ratings"}', expected: "labels of pods in namespace shop (none matches app=ratings)" },
    ]));
  it("fails a selector matching pods of another namespace only", async () =>
    expectViolations(await runPolicy(policy, [deployment(), selecting({ app: "reviews" }, "other")]), [{ resource: "Sidecar other/reviews", path: "spec.workloadSelector.labels" }]));

  itReportsAtConfiguredLevels(policy, () => [deployment(), selecting({ app: "ratings" })]);

  it("passes a selector made of any subset of the pods' labels", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(kubernetesName(), kubernetesName(), { minKeys: 1, maxKeys: 4 }), fc.nat(), async (labels, pick) => {
        const keys = Object.keys(labels);
        const chosen = keys.slice(0, 1 + (pick % keys.length));
        expect(await runPolicy(policy, [deployment("shop", "app", labels), selecting(Object.fromEntries(chosen.map((key) => [key, labels[key]])))])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails a selector whose value no pod carries", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (value) => {
        expectViolations(await runPolicy(policy, [deployment(), selecting({ app: `x-${value}` })]), [{ resource: "Sidecar shop/reviews", path: "spec.workloadSelector.labels" }]);
      }),
      propertyRuns,
    );
  });
});
