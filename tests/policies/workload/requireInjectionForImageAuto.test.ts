import fc from "fast-check";
import { requireInjectionForImageAuto } from "../../../policy-pack/policies/workload/requireInjectionForImageAuto";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, istiodRelease, namespace, pod } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireInjectionForImageAuto;
const autoGateway = (ns = "edge") => withField(deployment(ns, "edge-gateway", { istio: "edge" }), "spec.template.spec.containers[0]", { name: "istio-proxy", image: "auto" });

describe(policy.name, () => {
  it("passes an image: auto gateway in an injected namespace", () => expectCompliant(policy, [istiodRelease(), namespace("edge"), autoGateway()]));
  it("passes an image: auto gateway whose pods ask for injection in an unlabelled namespace", () =>
    expectCompliant(policy, [istiodRelease(), namespace("edge", {}), withField(autoGateway(), "spec.template.metadata.labels", { istio: "edge", "sidecar.istio.io/inject": "true" })]));
  it("passes a namespace on a served revision", () => expectCompliant(policy, [istiodRelease(), namespace("edge", { "istio.io/rev": "default" }), autoGateway()]));
  it("passes pods without an auto image anywhere", () => expectCompliant(policy, [namespace("edge", {}), deployment("edge")]));

  it("fails an image: auto Deployment no webhook selects (IST0146)", async () => {
    const violations = await runPolicy(policy, [istiodRelease(), namespace("edge", {}), autoGateway()]);
    expectViolations(violations, [{ resource: "Deployment edge/edge-gateway", path: "spec.template.spec.containers[0].image", found: '"auto"' }]);
    expect(violations[0].message.endsWith("(istioctl IST0146)")).toBe(true);
  });
  it("fails an image: auto Pod in a namespace whose injection is disabled (IST0147)", async () => {
    const violations = await runPolicy(policy, [istiodRelease(), namespace("edge", { "istio-injection": "disabled" }), withField(pod("edge", "gw"), "spec.containers[0]", { name: "istio-proxy", image: "auto" })]);
    expectViolations(violations, [{ resource: "Pod edge/gw", path: "spec.containers[0].image" }]);
    expect(violations[0].message.endsWith("(istioctl IST0147)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [namespace("edge", {}), autoGateway()]);

  it("passes an image: auto gateway in any injected namespace", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (ns) => expect(await runPolicy(policy, [istiodRelease(), namespace(ns), autoGateway(ns)])).toEqual([])),
      propertyRuns,
    );
  });
  it("fails an image: auto gateway in any namespace without injection", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), fc.constantFrom<Record<string, string>>({}, { "istio-injection": "disabled" }), async (ns, labels) => {
        expectViolations(await runPolicy(policy, [istiodRelease(), namespace(ns, labels), autoGateway(ns)]), [{ resource: `Deployment ${ns}/edge-gateway`, path: "spec.template.spec.containers[0].image" }]);
      }),
      propertyRuns,
    );
  });
});
