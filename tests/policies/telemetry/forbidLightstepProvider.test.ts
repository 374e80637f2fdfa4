import fc from "fast-check";
import { forbidLightstepProvider } from "../../../policy-pack/policies/telemetry/forbidLightstepProvider";
import { kubernetesName } from "../../arbitraries/kubernetesName";
import { propertyRuns } from "../../arbitraries/runs";
import { istiodRelease, telemetry } from "../../support/meshFactories";
import { expectCompliant, expectViolations, itReportsAtConfiguredLevels, runPolicy, withField } from "../../support/policyHarness";

const policy = forbidLightstepProvider;
const providers = [
  { name: "lightstep", lightstep: { service: "collector.observability.svc.cluster.local", port: 8184 } },
  { name: "otel", opentelemetry: { service: "otel.observability.svc.cluster.local", port: 4317 } },
];
const mesh = () => withField(istiodRelease(), "values.meshConfig.extensionProviders", providers);
const tracingWith = (name: string) => withField(telemetry(), "spec.tracing", [{ providers: [{ name }] }]);

describe(policy.name, () => {
  it("passes tracing through an OpenTelemetry provider", () => expectCompliant(policy, [mesh(), tracingWith("otel")]));
  it("fails tracing through the Lightstep provider", async () =>
    expectViolations(await runPolicy(policy, [mesh(), tracingWith("lightstep")]), [
      { resource: "Telemetry istio-system/mesh-default", path: "spec.tracing[0].providers[0].name", found: '"lightstep"', expected: "an OpenTelemetry provider (Lightstep is deprecated)" },
    ]));

  itReportsAtConfiguredLevels(policy, () => [mesh(), tracingWith("lightstep")]);

  it("passes any provider that is not Lightstep", async () => {
    await fc.assert(fc.asyncProperty(kubernetesName().filter((name) => name !== "lightstep"), async (name) => expect(await runPolicy(policy, [mesh(), tracingWith(name)])).toEqual([])), propertyRuns);
  });
  it("fails a Lightstep provider under any name", async () => {
    await fc.assert(
      fc.asyncProperty(kubernetesName(), async (name) => {
        const release = withField(istiodRelease(), "values.meshConfig.extensionProviders", [{ name, lightstep: { service: "c.o.svc.cluster.local", port: 8184 } }]);
        expectViolations(await runPolicy(policy, [release, tracingWith(name)]), [{ resource: "Telemetry istio-system/mesh-default", path: "spec.tracing[0].providers[0].name" }]);
      }),
      propertyRuns,
    );
  });
});
