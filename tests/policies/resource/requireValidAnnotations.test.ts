import fc from "fast-check";
import { requireValidAnnotations } from "../../../policy-pack/policies/resource/requireValidAnnotations";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, namespace, pod, service } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidAnnotations;
const annotated = (resource: ReturnType<typeof pod>, annotations: Record<string, string>) => withField(resource, "metadata.annotations", annotations);

describe(policy.name, () => {
  it("passes a Pod with valid sidecar annotations", () =>
    expectCompliant(policy, [annotated(pod(), { "sidecar.istio.io/proxyCPU": "100m", "traffic.sidecar.istio.io/excludeOutboundPorts": "5432,6379" })]));
  it("passes a Service exported to its namespace", () => expectCompliant(policy, [annotated(service(), { "networking.istio.io/exportTo": "." })]));
  it("passes annotations of other tools", () => expectCompliant(policy, [annotated(pod(), { "prometheus.io/scrape": "true" })]));

  it("fails an unknown Istio annotation (IST0108)", async () => {
    const violations = await runPolicy(policy, [annotated(service(), { "networking.istio.io/exportTo-typo": "." })]);
    expectViolations(violations, [{ resource: "Service shop/reviews", path: 'metadata.annotations["networking.istio.io/exportTo-typo"]', expected: "an annotation Istio 1.30 defines" }]);
    expect(violations[0].message.endsWith("(istioctl IST0108)")).toBe(true);
  });
  it("fails a Pod annotation on a Deployment (IST0107)", async () => {
    const violations = await runPolicy(policy, [annotated(deployment(), { "sidecar.istio.io/proxyCPU": "100m" })]);
    expectViolations(violations, [{ resource: "Deployment shop/reviews-v1", path: 'metadata.annotations["sidecar.istio.io/proxyCPU"]', expected: "the annotation on a Pod" }]);
    expect(violations[0].message.endsWith("(istioctl IST0107)")).toBe(true);
  });
  it("fails a value the injector refuses (IST0125)", async () => {
    const violations = await runPolicy(policy, [annotated(pod(), { "readiness.status.sidecar.istio.io/initialDelaySeconds": "soon" })]);
    expectViolations(violations, [{ resource: "Pod shop/reviews-v1", path: 'metadata.annotations["readiness.status.sidecar.istio.io/initialDelaySeconds"]', found: '"soon"', expected: "a non-negative integer" }]);
    expect(violations[0].message.endsWith("(istioctl IST0125)")).toBe(true);
  });
  it("fails the deprecated inject annotation on a Namespace (IST0135 and IST0107)", async () => {
    const violations = await runPolicy(policy, [annotated(namespace(), { "sidecar.istio.io/inject": "true" })]);
    expect(violations.map((violation) => violation.message.slice(-18))).toEqual(["(istioctl IST0135)", "(istioctl IST0107)"]);
  });

  itReportsAtConfiguredLevels(policy, () => [annotated(service(), { "istio.io/unknown": "x" })]);

  it("passes any port list in the traffic annotations", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 5 }), async (ports) => {
        expect(await runPolicy(policy, [annotated(pod(), { "traffic.sidecar.istio.io/excludeInboundPorts": ports.join(",") })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any unknown annotation under an istio.io prefix", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("sidecar.istio.io", "networking.istio.io", "proxy.istio.io"), kubernetesName(), async (prefix, name) => {
        const key = `${prefix}/zz-${name}`;
        expectViolations(await runPolicy(policy, [annotated(pod(), { [key]: "x" })]), [{ resource: "Pod shop/reviews-v1", path: `metadata.annotations["${key}"]` }]);
      }),
      propertyRuns,
    );
  });
});
