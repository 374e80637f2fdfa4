import fc from "fast-check";
import { requireValidPorts } from "../../../policy-pack/policies/serviceEntry/requireValidPorts";
import { propertyRuns } from "../../arbitraries/runs";
import { serviceEntry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireValidPorts;
const label = "ServiceEntry shop/payments-api";
const withPorts = (ports: unknown[]) => withField(serviceEntry(), "spec.ports", ports);
const protocols = ["HTTP", "HTTPS", "GRPC", "HTTP2", "TCP", "TLS", "MONGO", "grpc-web"];

describe(policy.name, () => {
  it("passes one HTTPS port", () => expectCompliant(policy, [serviceEntry()]));
  it("passes a port without protocol", () => expectCompliant(policy, [withPorts([{ number: 5432, name: "postgres" }])]));

  it("fails port 0", async () =>
    expectViolations(await runPolicy(policy, [withPorts([{ number: 0, name: "zero", protocol: "TCP" }])]), [
      { resource: label, path: "spec.ports[0].number", found: "0", expected: "an integer from 1 to 65535" },
    ]));
  it("fails port 65536", async () =>
    expectViolations(await runPolicy(policy, [withPorts([{ number: 65536, name: "high", protocol: "TCP" }])]), [{ resource: label, path: "spec.ports[0].number", found: "65536" }]));
  it("fails a duplicate port number", async () =>
    expectViolations(await runPolicy(policy, [withPorts([{ number: 443, name: "a", protocol: "TLS" }, { number: 443, name: "b", protocol: "TLS" }])]), [
      { resource: label, path: "spec.ports[1].number", found: "443", expected: "a number no other port uses" },
    ]));
  it("fails a duplicate port name", async () =>
    expectViolations(await runPolicy(policy, [withPorts([{ number: 80, name: "web", protocol: "HTTP" }, { number: 8080, name: "web", protocol: "HTTP" }])]), [
      { resource: label, path: "spec.ports[1].name", found: '"web"' },
    ]));
  it("fails an unknown protocol", async () =>
    expectViolations(await runPolicy(policy, [withPorts([{ number: 53, name: "dns", protocol: "DNS" }])]), [{ resource: label, path: "spec.ports[0].protocol", found: '"DNS"' }]));

  itReportsAtConfiguredLevels(policy, () => [withPorts([{ number: -1, name: "x" }])]);

  it("passes any set of unique in-range ports with known protocols", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 6 }), fc.constantFrom(...protocols), async (numbers, protocol) => {
        expect(await runPolicy(policy, [withPorts(numbers.map((number) => ({ number, name: `p-${number}`, protocol })))])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any out-of-range port number at its index", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 })), async (number) => {
        expectViolations(await runPolicy(policy, [withPorts([{ number: 443, name: "https", protocol: "HTTPS" }, { number, name: "bad", protocol: "TCP" }])]), [
          { resource: label, path: "spec.ports[1].number", found: String(number) },
        ]);
      }),
      propertyRuns,
    );
  });
});
