import type { ProgramRun, Registration } from "../../../scripts/offline/mockEngine";
import { parseMemoryBytes } from "../../../settings/quantity";
import { renderWithConfig } from "../../support/program";
import { stacks } from "../../support/project";
import { kubernetesObjects, releases } from "../../support/registrations";
import { renderedStack } from "../../support/renderedStacks";

const runs = new Map<string, ProgramRun>();
beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
});
const run = (stack: string) => runs.get(stack) as ProgramRun;

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const release = (target: ProgramRun, name: string) => releases(target).get(name) as Registration;
const telemetries = (target: ProgramRun) => target.registrations.filter((registration) => registration.type === "kubernetes:telemetry.istio.io/v1:Telemetry");

describe.each(stacks)("stack %s: Jaeger and the mesh-wide Telemetry", (stack) => {
  test("jaeger 4.11.1 in observability, named jaeger", () => {
    expect(release(run(stack), "jaeger").inputs).toMatchObject({
      name: "jaeger",
      chart: "jaeger",
      version: "4.11.1",
      namespace: "observability",
      repositoryOpts: { repo: "https://jaegertracing.github.io/helm-charts" },
    });
  });

  test("userconfig restates the OTLP receivers, the query extension and the health check the probes call", () => {
    const config = (release(run(stack), "jaeger").inputs.values as Inputs).userconfig;
    expect(config.receivers.otlp.protocols).toEqual({ grpc: { endpoint: "0.0.0.0:4317" }, http: { endpoint: "0.0.0.0:4318" } });
    expect(config.service.extensions).toEqual(expect.arrayContaining(["jaeger_storage", "jaeger_query", "healthcheckv2"]));
    expect(config.service.pipelines.traces).toMatchObject({ receivers: ["otlp"], exporters: ["jaeger_storage_exporter"] });
    expect(config.extensions.healthcheckv2.http.endpoint).toBe("0.0.0.0:13133");
    const store = config.extensions.jaeger_query.storage.traces;
    expect(config.exporters.jaeger_storage_exporter.trace_storage).toBe(store);
    expect(Object.keys(config.extensions.jaeger_storage.backends)).toEqual([store]);
  });

  test("one Telemetry in istio-system names a provider istiod's meshConfig defines, after base and istiod", () => {
    const [telemetry, ...others] = telemetries(run(stack));
    expect(others).toEqual([]);
    const inputs = telemetry.inputs as Inputs;
    expect(inputs.metadata).toEqual({ name: "mesh-default", namespace: "istio-system" });
    expect(inputs.spec.selector).toBeUndefined();
    const istiod = release(run(stack), "istiod");
    const defined = ((istiod.inputs.values as Inputs).meshConfig.extensionProviders as Inputs[]).map((provider) => provider.name);
    const named = (inputs.spec.tracing as Inputs[]).flatMap((tracing) => tracing.providers.map((provider: Inputs) => provider.name));
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(defined).toContain(name);
    expect(telemetry.dependsOn).toEqual(expect.arrayContaining([release(run(stack), "istio-base").urn, istiod.urn]));
    expect(inputs.spec.accessLogging).toEqual([{ providers: [{ name: "envoy" }] }]);
  });
});

test.each([
  ["dev", 100],
  ["staging", 1],
  ["prod", 1],
])("%s samples %d%% of requests", (stack, percentage) => {
  const [telemetry] = telemetries(run(stack));
  expect((telemetry.inputs as Inputs).spec.tracing[0].randomSamplingPercentage).toBe(percentage);
});

test("dev keeps spans in memory, as many traces as half its 512Mi limit holds at 32 KiB each, and mounts no volume", () => {
  const values = release(run("dev"), "jaeger").inputs.values as Inputs;
  expect(values.jaeger.resources.limits.memory).toBe("512Mi");
  expect(values.userconfig.extensions.jaeger_storage.backends.primary_store).toEqual({ memory: { max_traces: (512 * 2 ** 20) / 2 / (32 * 1024) } });
  expect(values.jaeger.extraVolumes).toBeUndefined();
});

test.each(stacks)("%s: Jaeger's Go runtime collects garbage before the container's memory limit (GOMEMLIMIT at 80%% of it)", (stack) => {
  const values = release(run(stack), "jaeger").inputs.values as Inputs;
  const limitMiB = (parseMemoryBytes(values.jaeger.resources.limits.memory) as number) / 2 ** 20;
  expect(values.jaeger.extraEnv).toEqual([{ name: "GOMEMLIMIT", value: `${Math.floor(limitMiB * 0.8)}MiB` }]);
});

test("prod keeps spans in Badger on a claim the stack creates, which the Jaeger pod mounts where Badger writes", () => {
  const jaeger = release(run("prod"), "jaeger");
  const values = jaeger.inputs.values as Inputs;
  const { badger } = values.userconfig.extensions.jaeger_storage.backends.primary_store;
  expect(badger).toMatchObject({ ephemeral: false, ttl: { spans: "72h" } });
  const claim = kubernetesObjects(run("prod")).get("PersistentVolumeClaim observability/jaeger-badger") as Registration;
  expect((claim.inputs as Inputs).spec.resources.requests.storage).toBe("20Gi");
  expect(jaeger.dependsOn).toContain(claim.urn);
  expect(values.jaeger.extraVolumes).toEqual([{ name: "badger-data", persistentVolumeClaim: { claimName: "jaeger-badger" } }]);
  const [mount] = values.jaeger.extraVolumeMounts;
  expect(mount.name).toBe("badger-data");
  for (const directory of Object.values(badger.directories) as string[]) expect(directory.startsWith(`${mount.mountPath}/`)).toBe(true);
});

test("with tracing off there is no Jaeger and no Telemetry, and Kiali and Grafana do not point at Jaeger", async () => {
  const off = await renderWithConfig("staging", (config) => ({ ...config, "istio-mesh:tracing": JSON.stringify({ enabled: false }) }));
  expect(releases(off).has("jaeger")).toBe(false);
  expect(telemetries(off)).toEqual([]);
  expect((releases(off).get("kiali-server")?.inputs.values as Inputs).external_services.tracing).toEqual({ enabled: false });
  expect((releases(off).get("kube-prometheus-stack")?.inputs.values as Inputs).grafana.additionalDataSources).toEqual([]);
});
