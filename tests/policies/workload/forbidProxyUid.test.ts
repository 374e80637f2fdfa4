import fc from "fast-check";
import { forbidProxyUid } from "../../../policy-pack/policies/workload/forbidProxyUid";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, pod } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidProxyUid;

describe(policy.name, () => {
  it("passes a Deployment running as UID 1000", () => expectCompliant(policy, [withField(deployment(), "spec.template.spec.securityContext", { runAsUser: 1000 })]));
  it("passes UID 1337 on the istio-proxy container", () =>
    expectCompliant(policy, [withField(pod(), "spec.containers[1]", { name: "istio-proxy", image: "auto", securityContext: { runAsUser: 1337 } })]));
  it("passes Istio's own control plane (labelled istio)", () =>
    expectCompliant(policy, [withField(withField(pod(), "metadata.labels", { istio: "pilot" }), "spec.securityContext", { runAsUser: 1337 })]));

  it("fails a Deployment whose pods run as UID 1337", async () =>
    expectViolations(await runPolicy(policy, [withField(deployment(), "spec.template.spec.securityContext", { runAsUser: 1337 })]), [
      { resource: "Deployment shop/reviews-v1", path: "spec.template.spec.securityContext.runAsUser", found: "1337", expected: "a UID other than 1337 (the proxy's)" },
    ]));
  it("fails a Pod container running as UID 1337", async () =>
    expectViolations(await runPolicy(policy, [withField(pod(), "spec.containers[0].securityContext", { runAsUser: 1337 })]), [
      { resource: "Pod shop/reviews-v1", path: "spec.containers[0].securityContext.runAsUser", found: "1337" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [withField(pod(), "spec.securityContext", { runAsUser: 1337 })]);

  it("passes any application UID other than 1337", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 65535 }).filter((uid) => uid !== 1337), kubernetesName(), async (uid, name) => {
        expect(await runPolicy(policy, [withField(deployment("shop", name), "spec.template.spec.containers[0].securityContext", { runAsUser: uid })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails UID 1337 on any application container of a Pod or Deployment", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName().filter((name) => name !== "istio-proxy" && name !== "istio-operator"), fc.boolean(), async (container, asDeployment) => {
        const resource = asDeployment ? deployment() : pod();
        const path = asDeployment ? "spec.template.spec.containers[0]" : "spec.containers[0]";
        expectViolations(await runPolicy(policy, [withField(resource, path, { name: container, image: "app", securityContext: { runAsUser: 1337 } })]), [
          { resource: `${asDeployment ? "Deployment" : "Pod"} shop/reviews-v1`, path: `${path}.securityContext.runAsUser` },
        ]);
      }),
      propertyRuns,
    );
  });
});
