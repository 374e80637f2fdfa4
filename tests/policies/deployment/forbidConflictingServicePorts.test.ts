import fc from "fast-check";
import { forbidConflictingServicePorts } from "../../../policy-pack/policies/deployment/forbidConflictingServicePorts";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { deployment, namespace, service } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = forbidConflictingServicePorts;

describe(policy.name, () => {
  it("passes two Services that agree on the port", () =>
    expectCompliant(policy, [namespace(), deployment(), service("shop", "reviews"), service("shop", "reviews-alias", { app: "reviews" }, [{ name: "http", port: 9080, targetPort: 9080 }])]));
  it("passes a Deployment outside the mesh", () =>
    expectCompliant(policy, [namespace("shop", { "istio-injection": "disabled" }), deployment(), service("shop", "a", { app: "reviews" }, [{ port: 9080, protocol: "UDP" }]), service("shop", "b")]));

  it("fails one port with two protocols (IST0116)", async () => {
    const violations = await runPolicy(policy, [namespace(), deployment(), service("shop", "a", { app: "reviews" }, [{ name: "udp", port: 9080, protocol: "UDP" }]), service("shop", "b")]);
    expectViolations(violations, [{ resource: "Deployment shop/reviews-v1", path: "metadata.name", found: '["UDP","TCP"]', expected: "one protocol for port 9080 across the Services selecting it (shop/a, shop/b)" }]);
    expect(violations[0].message.endsWith("(istioctl IST0116)")).toBe(true);
  });
  it("fails one target port behind two service ports (IST0137)", async () => {
    const violations = await runPolicy(policy, [namespace(), deployment(), service("shop", "a", { app: "reviews" }, [{ name: "http", port: 80, targetPort: 9080 }]), service("shop", "b")]);
    expectViolations(violations, [{ resource: "Deployment shop/reviews-v1", path: "metadata.name", expected: "one service port for target port 9080 across the Services selecting it (shop/a, shop/b)" }]);
    expect(violations[0].message.endsWith("(istioctl IST0137)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [namespace(), deployment(), service("shop", "a", { app: "reviews" }, [{ name: "http", port: 80, targetPort: 9080 }]), service("shop", "b")]);

  it("passes any number of Services repeating the same port", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(kubernetesName(), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 65535 }), async (names, port) => {
        expect(await runPolicy(policy, [namespace(), deployment(), ...names.map((name) => service("shop", name, { app: "reviews" }, [{ name: "http", port, targetPort: port }]))])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any two Services mapping one target port to different ports", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 2 }), async ([first, second]) => {
        const violations = await runPolicy(policy, [namespace(), deployment(), service("shop", "a", { app: "reviews" }, [{ name: "http", port: first, targetPort: 9080 }]), service("shop", "b", { app: "reviews" }, [{ name: "http", port: second, targetPort: 9080 }])]);
        expect(violations.some((violation) => violation.message.endsWith("(istioctl IST0137)"))).toBe(true);
      }),
      propertyRuns,
    );
  });
});
