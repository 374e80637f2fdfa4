import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { istioDashboards } from "../../../components/addons/istioMonitors";
import { kialiGrafanaCredential } from "../../../components/addons/kialiValues";
import { parseSettings } from "../../../settings";
import type { ProgramRun, Registration } from "../../../scripts/offline/mockEngine";
import { grafanaService, jaegerService, prometheusService, serviceUrl } from "../../support/chartServiceNames";
import { describeIfPresent, istioModuleDir } from "../../support/goModules";
import { renderWithConfig } from "../../support/program";
import { stacks } from "../../support/project";
import { kubernetesObjects, releases } from "../../support/registrations";
import { renderedStack } from "../../support/renderedStacks";

/** Kiali, and every URL one add-on hands another: each must name a Service the other release creates, derived as its chart does. */

const runs = new Map<string, ProgramRun>();
beforeAll(async () => {
  for (const stack of stacks) runs.set(stack, await renderedStack(stack));
});

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
function release(stack: string, name: string): Registration {
  const found = releases(runs.get(stack) as ProgramRun).get(name);
  if (!found) throw new Error(`stack ${stack} has no release ${name}`);
  return found;
}
const valuesOf = (registration: Registration) => registration.inputs.values as Inputs;
const kiali = (target: ProgramRun) => releases(target).get("kiali-server") as Registration;
const values = (target: ProgramRun) => kiali(target).inputs.values as Inputs;

function services(stack: string) {
  const monitoring = release(stack, "kube-prometheus-stack");
  const jaeger = release(stack, "jaeger");
  const prometheus = prometheusService(monitoring.inputs.name as string, valuesOf(monitoring));
  const grafana = grafanaService(monitoring.inputs.name as string, valuesOf(monitoring));
  const tracing = jaegerService(jaeger.inputs.name as string, valuesOf(jaeger));
  const monitoringNamespace = monitoring.inputs.namespace as string;
  const tracingNamespace = jaeger.inputs.namespace as string;
  return {
    prometheus: serviceUrl(prometheus.name, monitoringNamespace, prometheus.port),
    grafana: serviceUrl(grafana.name, monitoringNamespace, grafana.port),
    jaegerQueryHttp: serviceUrl(tracing.name, tracingNamespace, tracing.ports.queryHttp),
    jaegerQueryGrpc: serviceUrl(tracing.name, tracingNamespace, tracing.ports.queryGrpc),
    jaegerOtlp: { service: `${tracing.name}.${tracingNamespace}.svc.cluster.local`, port: tracing.ports.otlpGrpc },
  };
}

describe.each(stacks)("stack %s: the URLs the add-ons hand each other", (stack) => {
  test("Kiali reads the Prometheus, Grafana and Jaeger query Services the releases create", () => {
    const external = valuesOf(release(stack, "kiali-server")).external_services;
    const expected = services(stack);
    expect(external.prometheus.url).toBe(expected.prometheus);
    expect(external.grafana.internal_url).toBe(expected.grafana);
    expect(external.tracing).toMatchObject({ enabled: true, use_grpc: true, internal_url: expected.jaegerQueryGrpc });
  });

  test("Grafana's Jaeger data source is Jaeger's query HTTP port", () => {
    const dataSources = valuesOf(release(stack, "kube-prometheus-stack")).grafana.additionalDataSources as Inputs[];
    expect(dataSources).toEqual([expect.objectContaining({ type: "jaeger", url: services(stack).jaegerQueryHttp })]);
  });

  test("istiod's OpenTelemetry provider sends spans to Jaeger's OTLP gRPC port", () => {
    const providers = valuesOf(release(stack, "istiod")).meshConfig.extensionProviders as Inputs[];
    const otel = providers.filter((provider: Inputs) => provider.opentelemetry !== undefined).map((provider) => provider.opentelemetry);
    expect(otel).toEqual([services(stack).jaegerOtlp]);
  });
});

test("the derivation follows the charts: a release named without the chart's name gets it appended, and kube-prometheus-stack cuts at 26", () => {
  expect(prometheusService("metrics", {}).name).toBe("metrics-kube-prometheus-st-prometheus");
  expect(prometheusService("kube-prometheus-stack", {}).name).toBe("kube-prometheus-stack-prometheus");
  expect(grafanaService("metrics", {}).name).toBe("metrics-grafana");
  expect(jaegerService("tracing", {}).name).toBe("tracing-jaeger");
  expect(jaegerService("tracing", { fullnameOverride: "spans" }).name).toBe("spans");
});

describe.each(stacks)("stack %s: Kiali", (stack) => {
  const run = () => runs.get(stack) as ProgramRun;

  test("the kiali-server chart 2.29.0 (not the operator) in istio-system, knowing Istio's root namespace", () => {
    expect(kiali(run()).inputs).toMatchObject({
      name: "kiali-server",
      chart: "kiali-server",
      version: "2.29.0",
      namespace: "istio-system",
      repositoryOpts: { repo: "https://kiali.org/helm-charts" },
    });
    expect(values(run()).external_services.istio.root_namespace).toBe("istio-system");
  });

  test("installs after the Prometheus it reads from", () => {
    expect(kiali(run()).dependsOn).toContain(releases(run()).get("kube-prometheus-stack")?.urn);
  });

  test(stack === "dev" ? "dev may run without login" : `${stack} never runs anonymous`, () => {
    const strategy = values(run()).auth.strategy;
    if (stack === "dev") expect(strategy).toBe("anonymous");
    else expect(["token", "openid"]).toContain(strategy);
  });
});

test("prod is view-only with two replicas and a disruption budget", () => {
  const deployment = values(runs.get("prod") as ProgramRun).deployment;
  expect(deployment).toMatchObject({ view_only_mode: true, replicas: 2, pod_disruption_budget: { spec: { minAvailable: 1 } } });
});

test("openid by config: the client secret is read from a Secret by name, never from values", async () => {
  const openid = await renderWithConfig("prod", (config) => ({
    ...config,
    "istio-mesh:kiali": JSON.stringify({ authStrategy: "openid", openid: { issuerUri: "https://login.example.com", clientId: "kiali", clientSecretName: "kiali-oidc" } }),
  }));
  const kialiValues = values(openid);
  expect(kialiValues.auth).toEqual({ strategy: "openid", openid: { issuer_uri: "https://login.example.com", client_id: "kiali", username_claim: "sub", disable_rbac: false } });
  expect(kialiValues.deployment.secret_name).toBe("kiali-oidc");
  expect(JSON.stringify(kialiValues)).not.toMatch(/client_secret/);
});

describe.each(stacks)("stack %s: Kiali's links and logins", (stack) => {
  const run = () => runs.get(stack) as ProgramRun;

  test("the UI is served under /kiali, set explicitly rather than left to the chart", () => {
    expect(values(run()).server.web_root).toBe("/kiali");
  });

  test("Kiali logs in to Grafana's API as admin with a password mounted from the Secret kiali-grafana, never from values", () => {
    const grafana = values(run()).external_services.grafana;
    expect(grafana.auth).toEqual({ type: "basic", username: "admin", use_kiali_token: false });
    expect(values(run()).deployment.custom_secrets).toEqual([{ name: "kiali-grafana", mount: "/kiali-override-secrets/grafana-password" }]);
    const secret = kubernetesObjects(run()).get("Secret istio-system/kiali-grafana") as Registration;
    expect((secret.inputs as Inputs).stringData).toBe("[secret]");
    expect(kiali(run()).dependsOn).toContain(secret.urn);
    expect(JSON.stringify(values(run()))).not.toMatch(/password"\s*:/);
  });

  test("Kiali links to the provisioned dashboards by their titles, with the variables they define", () => {
    const dashboards = values(run()).external_services.grafana.dashboards as Inputs[];
    const titles = Object.values(istioDashboards).map((dashboard) => dashboard.title);
    expect(dashboards.map((dashboard) => dashboard.name).sort()).toEqual([...titles].sort());
    const templateVariables = (suffix: string) => ((istioDashboards[suffix] as Inputs).templating.list as Inputs[]).map((variable) => `var-${variable.name}`);
    expect(templateVariables("service")).toContain(dashboards.find((dashboard) => dashboard.name === istioDashboards.service.title)?.variables.service);
    const workload = dashboards.find((dashboard) => dashboard.name === istioDashboards.workload.title)?.variables;
    expect(templateVariables("workload")).toEqual(expect.arrayContaining([workload.namespace, workload.workload]));
  });

  test("trace links open Jaeger's UI where users reach it (tracing.externalUrl)", () => {
    expect(values(run()).external_services.tracing.external_url).toBe("http://localhost:16686");
  });
});

describeIfPresent(path.join(istioModuleDir, "manifests/addons/dashboards"), "dashboard titles against Istio's own")("the dashboards carry the titles of Istio's own, which Kiali looks up", () => {
  const istioTitle = (file: string) => (JSON.parse(fs.readFileSync(path.join(istioModuleDir, "manifests/addons/dashboards", file), "utf8")) as { title: string }).title;
  test.each([
    ["mesh", "istio-mesh-dashboard.gen.json"],
    ["service", "istio-service-dashboard.json"],
    ["workload", "istio-workload-dashboard.json"],
    ["control-plane", "pilot-dashboard.gen.json"],
  ])("%s has the title of Istio's %s", (suffix, file) => {
    expect(istioDashboards[suffix].title).toBe(istioTitle(file));
  });
});

test("with Grafana's admin Secret someone else's, Kiali needs the name of a Secret holding the password; the stack then writes none", async () => {
  const monitoring = JSON.stringify({ grafana: { adminSecretName: "grafana-external" } });
  await expect(renderWithConfig("staging", (config) => ({ ...config, "istio-mesh:monitoring": monitoring }))).rejects.toThrow(/kiali\.grafana\.passwordSecretName: expected the name of a Secret in istio-system/);
  const external = await renderWithConfig("staging", (config) => ({
    ...config,
    "istio-mesh:monitoring": monitoring,
    "istio-mesh:kiali": JSON.stringify({ grafana: { username: "kiali-viewer", passwordSecretName: "kiali-grafana-external" } }),
  }));
  expect(values(external).deployment.custom_secrets).toEqual([{ name: "kiali-grafana-external", mount: "/kiali-override-secrets/grafana-password" }]);
  expect(values(external).external_services.grafana.auth.username).toBe("kiali-viewer");
  expect(kubernetesObjects(external).has("Secret istio-system/kiali-grafana")).toBe(false);
});

test("the password file is value.txt, the name Kiali reads under /kiali-override-secrets/grafana-password", () => {
  const settings = parseSettings("staging", {}).kiali;
  const password = pulumi.secret("s3cret");
  expect(kialiGrafanaCredential(settings, password)).toEqual({ source: "stack", name: "kiali-grafana", data: { "value.txt": password } });
  expect(kialiGrafanaCredential(settings, undefined)).toBeUndefined();
  const external = parseSettings("staging", { monitoring: { grafana: { adminSecretName: "g" } }, kiali: { grafana: { passwordSecretName: "k" } } }).kiali;
  expect(kialiGrafanaCredential(external, undefined)).toEqual({ source: "existing", name: "k" });
});
