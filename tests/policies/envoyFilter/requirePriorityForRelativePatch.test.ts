import fc from "fast-check";
import { requirePriorityForRelativePatch } from "../../../policy-pack/policies/envoyFilter/requirePriorityForRelativePatch";
import { propertyRuns } from "../../arbitraries/runs";
import { envoyFilter } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requirePriorityForRelativePatch;
const label = "EnvoyFilter shop/local-rate-limit";
const relative = ["REMOVE", "INSERT_BEFORE", "INSERT_AFTER", "REPLACE"];
const withOperation = (operation: string, priority?: number) =>
  withField(withField(envoyFilter(), "spec.configPatches[0].patch.operation", operation), "spec.priority", priority);

describe(policy.name, () => {
  it("passes INSERT_BEFORE with priority 10", () => expectCompliant(policy, [envoyFilter()]));
  it("passes ADD without priority", () => expectCompliant(policy, [withOperation("ADD")]));
  it("passes INSERT_FIRST without priority", () => expectCompliant(policy, [withOperation("INSERT_FIRST")]));
  it("passes a negative priority", () => expectCompliant(policy, [withOperation("REMOVE", -5)]));
  it("passes MERGE without priority (istioctl doesn't count MERGE as relative)", () => expectCompliant(policy, [withOperation("MERGE")]));

  it("fails INSERT_BEFORE without priority", async () =>
    expectViolations(await runPolicy(policy, [withOperation("INSERT_BEFORE")]), [
      { resource: label, path: "spec.priority", found: "(not set)", expected: "a non-zero priority (spec.configPatches[0].patch.operation is INSERT_BEFORE)" },
    ]));
  it("fails REPLACE with priority 0", async () =>
    expectViolations(await runPolicy(policy, [withOperation("REPLACE", 0)]), [{ resource: label, path: "spec.priority", found: "0" }]));

  it("fails REPLACE on a VIRTUAL_HOST without priority, which istiod applies in order", async () =>
    expectViolations(await runPolicy(policy, [withField(withOperation("REPLACE"), "spec.configPatches[0].applyTo", "VIRTUAL_HOST")]), [{ resource: label, path: "spec.priority" }]));
  it("reports a relative patch of a filter an earlier patch pinned to a proxy version as IST0155", async () => {
    const pinned = withField(withField(envoyFilter(), "spec.priority", undefined), "spec.configPatches[0].match.proxy", { proxyVersion: "^1\\.30.*" });
    const twice = withField(pinned, "spec.configPatches[1]", (pinned.props.spec as { configPatches: unknown[] }).configPatches[0]);
    const violations = await runPolicy(policy, [twice]);
    expect(violations.map((violation) => violation.message.slice(-18))).toEqual(["(istioctl IST0151)", "(istioctl IST0155)"]);
  });

  it("is advisory by default", async () => {
    const [violation] = await runPolicy(policy, [withOperation("REMOVE")]);
    expect(violation.enforcementLevel).toBe("advisory");
  });
  itReportsAtConfiguredLevels(policy, () => [withOperation("REMOVE")]);

  it("passes any relative operation once a non-zero priority is set", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...relative), fc.integer({ min: -1000, max: 1000 }).filter((p) => p !== 0), async (operation, priority) => {
        expect(await runPolicy(policy, [withOperation(operation, priority)])).toEqual([]);
      }),
      propertyRuns,
    );
  });
  it("fails any relative operation without priority", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...relative), async (operation) => {
        expectViolations(await runPolicy(policy, [withOperation(operation)]), [
          { resource: label, path: "spec.priority", expected: `a non-zero priority (spec.configPatches[0].patch.operation is ${operation})` },
        ]);
      }),
      propertyRuns,
    );
  });
});
