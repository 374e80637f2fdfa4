import fc from "fast-check";
import { forbidUnsupportedPatchOperation } from "../../../policy-pack/policies/envoyFilter/forbidUnsupportedPatchOperation";
import { propertyRuns } from "../../arbitraries/runs";
import { envoyFilter } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidUnsupportedPatchOperation;
const label = "EnvoyFilter shop/local-rate-limit";
const patch = (applyTo: string, operation: string) =>
  withField(withField(envoyFilter(), "spec.configPatches[0].applyTo", applyTo), "spec.configPatches[0].patch.operation", operation);
const otherTargets = ["LISTENER", "FILTER_CHAIN", "ROUTE_CONFIGURATION", "VIRTUAL_HOST", "HTTP_ROUTE", "CLUSTER", "LISTENER_FILTER"];

describe(policy.name, () => {
  it("passes INSERT_BEFORE on an HTTP_FILTER", () => expectCompliant(policy, [envoyFilter()]));
  it("passes REPLACE on a NETWORK_FILTER", () => expectCompliant(policy, [patch("NETWORK_FILTER", "REPLACE")]));
  it("passes ADD on EXTENSION_CONFIG", () => expectCompliant(policy, [patch("EXTENSION_CONFIG", "ADD")]));

  it("fails REPLACE on a CLUSTER", async () =>
    expectViolations(await runPolicy(policy, [patch("CLUSTER", "REPLACE")]), [
      { resource: label, path: "spec.configPatches[0].patch.operation", found: '"REPLACE"', expected: "an operation supported on CLUSTER (REPLACE works only on HTTP_FILTER and NETWORK_FILTER)" },
    ]));
  it("fails MERGE on EXTENSION_CONFIG", async () =>
    expectViolations(await runPolicy(policy, [patch("EXTENSION_CONFIG", "MERGE")]), [
      { resource: label, path: "spec.configPatches[0].patch.operation", found: '"MERGE"', expected: "ADD for applyTo EXTENSION_CONFIG" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [patch("LISTENER", "REPLACE")]);

  it("passes REPLACE on any filter target and any non-REPLACE operation elsewhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("HTTP_FILTER", "NETWORK_FILTER"), fc.constantFrom(...otherTargets), fc.constantFrom("MERGE", "ADD", "REMOVE", "INSERT_FIRST"), async (filter, target, operation) => {
        expect(await runPolicy(policy, [patch(filter, "REPLACE")])).toEqual([]);
        expect(await runPolicy(policy, [patch(target, operation)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails REPLACE on any non-filter target", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...otherTargets), async (target) => {
        expectViolations(await runPolicy(policy, [patch(target, "REPLACE")]), [
          { resource: label, path: "spec.configPatches[0].patch.operation", expected: `an operation supported on ${target}` },
        ]);
      }),
      propertyRuns,
    );
  });
});
