import fc from "fast-check";
import { requireAccessLogProvider } from "../../../policy-pack/policies/telemetry/requireAccessLogProvider";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, telemetry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = requireAccessLogProvider;
const logging = (entry: Record<string, unknown>) => withField(telemetry(), "spec.accessLogging", [entry]);

describe(policy.name, () => {
  it("passes access logging that names envoy", () => expectCompliant(policy, [istiodRelease(), logging({ providers: [{ name: "envoy" }] })]));
  it("passes disabled access logging without providers", () => expectCompliant(policy, [istiodRelease(), logging({ disabled: true })]));
  it("passes no providers where the mesh config names a default", () =>
    expectCompliant(policy, [withField(istiodRelease(), "values.meshConfig.defaultProviders", { accessLogging: ["envoy"] }), logging({ filter: { expression: "response.code >= 400" } })]));

  it("fails access logging without providers and no default", async () =>
    expectViolations(await runPolicy(policy, [istiodRelease(), logging({ filter: { expression: "response.code >= 400" } })]), [
      { resource: "Telemetry istio-system/mesh-default", path: "spec.accessLogging[0].providers", expected: "a provider (the mesh config names no default access log provider)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [istiodRelease(), logging({})]);

  it("passes any named provider", async () => {
    await fc.assert(fc.asyncProperty(kubernetesName(), async (name) => expect(await runPolicy(policy, [istiodRelease(), logging({ providers: [{ name }] })])).toEqual([])), propertyRuns);
  });
  it("fails every enabled entry without providers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 4 }), async (count) => {
        const entries = Array.from({ length: count }, () => ({ disabled: false }));
        const violations = await runPolicy(policy, [istiodRelease(), withField(telemetry(), "spec.accessLogging", entries)]);
        expect(violations).toHaveLength(count);
      }),
      propertyRuns,
    );
  });
});
