import fc from "fast-check";
import { forbidConflictingProtocols } from "../../../policy-pack/policies/serviceEntry/forbidConflictingProtocols";
import { meshStack } from "../../arbitraries/meshStack";
import { propertyRuns } from "../../arbitraries/runs";
import { serviceEntry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidConflictingProtocols;
const second = (protocol: string, number = 443) =>
  withField(serviceEntry("billing", "payments-copy"), "spec.ports", [{ number, name: "p", protocol }]);

describe(policy.name, () => {
  it("passes two entries agreeing on the protocol", () => expectCompliant(policy, [serviceEntry(), second("HTTPS")]));
  it("passes protocols that differ in letter case only", () => expectCompliant(policy, [serviceEntry(), second("https")]));
  it("passes a different port of the same host", () => expectCompliant(policy, [serviceEntry(), second("HTTP", 80)]));

  it("fails the same host and port declared TLS elsewhere", async () =>
    expectViolations(await runPolicy(policy, [serviceEntry(), second("TLS")]), [
      { resource: "ServiceEntry billing/payments-copy", path: "spec.ports[0].protocol", found: '"TLS"', expected: "HTTPS, as ServiceEntry shop/payments-api declares for api.payments.example.com:443" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [serviceEntry(), second("TCP")]);

  it("passes every generated mesh", async () => {
    await fc.assert(fc.asyncProperty(meshStack(), async ({ resources }) => expect(await runPolicy(policy, resources)).toEqual([])), propertyRuns);
  });
  it("fails any second protocol for a declared host and port", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("HTTP", "TCP", "TLS", "GRPC", "HTTP2", "MONGO"), async (protocol) => {
        expectViolations(await runPolicy(policy, [serviceEntry(), second(protocol)]), [
          { resource: "ServiceEntry billing/payments-copy", path: "spec.ports[0].protocol", found: JSON.stringify(protocol), expected: "HTTPS" },
        ]);
      }),
      propertyRuns,
    );
  });
});
