import fc from "fast-check";
import { forbidUnsupportedPatchOperation } from "../../../policy-pack/policies/envoyFilter/forbidUnsupportedPatchOperation";
import { propertyRuns } from "../../arbitraries/runs";
import { envoyFilter } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidUnsupportedPatchOperation;
const label = "EnvoyFilter shop/local-rate-limit";
const patch = (applyTo: string, operation: string) =>
  withField(withField(envoyFilter(), "spec.configPatches[0].applyTo", applyTo), "spec.configPatches[0].patch.operation", operation);
/** Where istiod applies REPLACE (pilot/pkg/networking/core/envoyfilter), and where it ignores it. */
const replaceTargets = ["HTTP_FILTER", "NETWORK_FILTER", "LISTENER_FILTER", "VIRTUAL_HOST"];
const otherTargets = ["LISTENER", "FILTER_CHAIN", "ROUTE_CONFIGURATION", "HTTP_ROUTE", "CLUSTER"];

describe(policy.name, () => {
  it("passes INSERT_BEFORE on an HTTP_FILTER", () => expectCompliant(policy, [envoyFilter()]));
  it("passes REPLACE on a NETWORK_FILTER", () => expectCompliant(policy, [patch("NETWORK_FILTER", "REPLACE")]));
  it("passes ADD on EXTENSION_CONFIG", () => expectCompliant(policy, [patch("EXTENSION_CONFIG", "ADD")]));
  it("passes REPLACE on a VIRTUAL_HOST, which istiod applies", () => expectCompliant(policy, [patch("VIRTUAL_HOST", "REPLACE")]));
  it("passes ADD and REMOVE on an HTTP_ROUTE, which istiod applies though istioctl reports them", async () => {
    await expectCompliant(policy, [patch("HTTP_ROUTE", "ADD")]);
    await expectCompliant(policy, [patch("HTTP_ROUTE", "REMOVE")]);
  });
  it("fails ADD on a ROUTE_CONFIGURATION (istioctl IST0153)", async () => {
    const [violation] = await runPolicy(policy, [patch("ROUTE_CONFIGURATION", "ADD")]);
    expect(violation.message).toContain(`${label}: spec.configPatches[0].patch.operation found "ADD", expected an operation supported on ROUTE_CONFIGURATION`);
    expect(violation.message.endsWith("(istioctl IST0153)")).toBe(true);
  });
  it("fails REMOVE on a ROUTE_CONFIGURATION (istioctl IST0154)", async () => {
    const [violation] = await runPolicy(policy, [patch("ROUTE_CONFIGURATION", "REMOVE")]);
    expect(violation.message.endsWith("(istioctl IST0154)")).toBe(true);
  });

  it("fails REPLACE on a CLUSTER", async () =>
    expectViolations(await runPolicy(policy, [patch("CLUSTER", "REPLACE")]), [
      { resource: label, path: "spec.configPatches[0].patch.operation", found: '"REPLACE"', expected: "an operation supported on CLUSTER (REPLACE works on HTTP_FILTER, NETWORK_FILTER, LISTENER_FILTER, VIRTUAL_HOST)" },
    ]));
  it("fails MERGE on EXTENSION_CONFIG", async () =>
    expectViolations(await runPolicy(policy, [patch("EXTENSION_CONFIG", "MERGE")]), [
      { resource: label, path: "spec.configPatches[0].patch.operation", found: '"MERGE"', expected: "ADD for applyTo EXTENSION_CONFIG" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [patch("LISTENER", "REPLACE")]);

  it("passes REPLACE on any target istiod replaces, and MERGE or INSERT_FIRST anywhere", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...replaceTargets), fc.constantFrom(...otherTargets), fc.constantFrom("MERGE", "INSERT_FIRST"), async (filter, target, operation) => {
        expect(await runPolicy(policy, [patch(filter, "REPLACE")])).toEqual([]);
        expect(await runPolicy(policy, [patch(target, operation)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails REPLACE on any target istiod does not replace", async () => {
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
