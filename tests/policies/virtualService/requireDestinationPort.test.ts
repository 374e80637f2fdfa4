import fc from "fast-check";
import { requireDestinationPort } from "../../../policy-pack/policies/virtualService/requireDestinationPort";
import { propertyRuns } from "../../arbitraries/runs";
import { istioResource, service } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy } from "../../support/policyHarness";

const policy = requireDestinationPort;
const twoPorts = () => service("shop", "reviews", { app: "reviews" }, [{ name: "http", port: 9080 }, { name: "grpc", port: 9090 }]);
const routeTo = (destination: Record<string, unknown>) => istioResource("VirtualService", "shop", "reviews", { hosts: ["reviews"], http: [{ route: [{ destination }] }] });

describe(policy.name, () => {
  it("passes a single-port Service without a port", () => expectCompliant(policy, [service(), routeTo({ host: "reviews" })]));
  it("passes a two-port Service with a port", () => expectCompliant(policy, [twoPorts(), routeTo({ host: "reviews", port: { number: 9090 } })]));
  it("fails a two-port Service without a port", async () =>
    expectViolations(await runPolicy(policy, [twoPorts(), routeTo({ host: "reviews" })]), [
      { resource: "VirtualService shop/reviews", path: "spec.http[0].route[0].destination.port", expected: "one of the ports of Service shop/reviews: 9080, 9090" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [twoPorts(), routeTo({ host: "reviews" })]);

  it("passes any port of a multi-port Service", async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(9080, 9090), async (number) => expect(await runPolicy(policy, [twoPorts(), routeTo({ host: "reviews", port: { number } })])).toEqual([])), propertyRuns);
  });
  it("fails every portless destination of a Service with two or more ports", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 2, maxLength: 5 }), async (ports) => {
        const multi = service("shop", "reviews", { app: "reviews" }, ports.map((port, i) => ({ name: `http-${i}`, port })));
        expectViolations(await runPolicy(policy, [multi, routeTo({ host: "reviews" })]), [{ resource: "VirtualService shop/reviews", path: "spec.http[0].route[0].destination.port" }]);
      }),
      propertyRuns,
    );
  });
});
