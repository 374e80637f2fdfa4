import fc from "fast-check";
import { requirePortProtocol } from "../../../policy-pack/policies/service/requirePortProtocol";
import { propertyRuns } from "../../arbitraries/runs";
import { service } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requirePortProtocol;
const protocols = ["http", "http2", "https", "grpc", "grpc-web", "tcp", "tls", "mongo", "mysql", "redis", "udp"];
const withPort = (port: Record<string, unknown>) => service("shop", "reviews", { app: "reviews" }, [port]);

describe(policy.name, () => {
  it("passes a port named http-web", () => expectCompliant(policy, [withPort({ name: "http-web", port: 9080 })]));
  it("passes an unnamed port with appProtocol", () => expectCompliant(policy, [withPort({ port: 9080, appProtocol: "kubernetes.io/h2c" })]));
  it("passes an unnamed MySQL port (Istio treats 3306 as TCP)", () => expectCompliant(policy, [withPort({ port: 3306 })]));
  it("passes Services in kube-system", () => expectCompliant(policy, [service("kube-system", "dns", { k8s: "dns" }, [{ name: "web", port: 8080 }])]));

  it("fails a port named web (IST0118)", async () =>
    expectViolations(await runPolicy(policy, [withPort({ name: "web", port: 9080 })]), [
      { resource: "Service shop/reviews", path: "spec.ports[0].name", found: '"web"', expected: "a port name `<protocol>[-<suffix>]` or an appProtocol Istio knows" },
    ]));
  it("fails a tcp port of an ExternalName Service (IST0150)", async () => {
    const violations = await runPolicy(policy, [withField(withPort({ name: "tcp", port: 5432 }), "spec.type", "ExternalName")]);
    expectViolations(violations, [{ resource: "Service shop/reviews", path: "spec.ports[0].name", found: '"tcp"' }]);
    expect(violations[0].message.endsWith("(istioctl IST0150)")).toBe(true);
  });

  itReportsAtConfiguredLevels(policy, () => [withPort({ name: "web", port: 9080 })]);

  it("passes any port named after a protocol, with any suffix", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...protocols), fc.stringMatching(/^[a-z0-9]{0,8}$/), fc.integer({ min: 1, max: 65535 }), async (protocol, suffix, port) => {
        expect(await runPolicy(policy, [withPort({ name: suffix ? `${protocol}-${suffix}` : protocol, port })])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any port whose name names no protocol, on a port without a default", async () => {
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/).filter((name) => !protocols.includes(name) && !["http_proxy"].includes(name)), fc.integer({ min: 1024, max: 65535 }).filter((port) => port !== 3306 && port !== 27017), async (name, port) => {
        expectViolations(await runPolicy(policy, [withPort({ name, port })]), [{ resource: "Service shop/reviews", path: "spec.ports[0].name", found: JSON.stringify(name) }]);
      }),
      propertyRuns,
    );
  });
});
