import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { certManagerChart } from "../../../components/addons/addonCharts";
import type { ProgramRun, Registration } from "../../../scripts/offline/mockEngine";
import { certManagerModuleDir, describeIfPresent } from "../../support/goModules";
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
function object(target: ProgramRun, key: string): Registration {
  const found = kubernetesObjects(target).get(key);
  if (!found) throw new Error(`no ${key}`);
  return found;
}
const release = (target: ProgramRun) => releases(target).get("kube-prometheus-stack") as Registration;
const values = (target: ProgramRun) => release(target).inputs.values as Inputs;
const alerts = (target: ProgramRun): Record<string, Inputs> =>
  Object.fromEntries(((object(target, "PrometheusRule monitoring/istio-alerts").inputs as Inputs).spec.groups[0].rules as Inputs[]).map((rule) => [rule.alert, rule]));

describe.each(stacks)("stack %s: monitoring", (stack) => {
  test("kube-prometheus-stack 88.5.3 in monitoring, with predictable names, picking up every monitor and rule", () => {
    expect(release(run(stack)).inputs).toMatchObject({
      name: "kube-prometheus-stack",
      chart: "kube-prometheus-stack",
      version: "88.5.3",
      namespace: "monitoring",
      repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" },
    });
    expect(values(run(stack)).fullnameOverride).toBe("kube-prometheus-stack");
    const spec = values(run(stack)).prometheus.prometheusSpec;
    for (const kind of ["rule", "serviceMonitor", "podMonitor"]) expect(spec[`${kind}SelectorNilUsesHelmValues`]).toBe(false);
  });

  test("istiod is scraped through a ServiceMonitor and every Envoy through a PodMonitor on merged metrics 15020 /stats/prometheus", () => {
    const serviceMonitor = (object(run(stack), "ServiceMonitor monitoring/istiod").inputs as Inputs).spec;
    expect(serviceMonitor.namespaceSelector).toEqual({ matchNames: ["istio-system"] });
    expect(serviceMonitor.endpoints).toEqual([expect.objectContaining({ port: "http-monitoring" })]);
    const [endpoint] = (object(run(stack), "PodMonitor monitoring/envoy-stats").inputs as Inputs).spec.podMetricsEndpoints;
    expect(endpoint.path).toBe("/stats/prometheus");
    const addressRules = (endpoint.relabelings as Inputs[]).filter((rule) => rule.targetLabel === "__address__");
    expect(addressRules.map((rule) => rule.replacement)).toEqual(["[$1]:15020", "$1:15020"]);
    expect(endpoint.relabelings[0]).toEqual({ action: "keep", sourceLabels: ["__meta_kubernetes_pod_container_name"], regex: "istio-proxy" });
  });

  test("monitors and rules wait for the release that installs their CRDs", () => {
    const releaseUrn = release(run(stack)).urn;
    for (const key of ["ServiceMonitor monitoring/istiod", "PodMonitor monitoring/envoy-stats", "PrometheusRule monitoring/istio-alerts"]) {
      expect(object(run(stack), key).dependsOn).toContain(releaseUrn);
    }
  });

  test("the mesh's alerts are all there, each with a severity, a summary and its runbook section", () => {
    const rules = alerts(run(stack));
    expect(Object.keys(rules).sort()).toEqual(
      [
        "IstioCircuitBreakerOverflow",
        "IstioHighErrorRate",
        "IstioHighLatencyP99",
        "IstioIngressTlsHandshakeErrors",
        "IstioMtlsHandshakeFailures",
        "IstioOutlierEjection",
        "IstioRateLimited",
        "IstiodDown",
        "IstiodPushErrors",
      ].sort(),
    );
    for (const rule of Object.values(rules)) {
      expect(["warning", "critical"]).toContain(rule.labels.severity);
      expect(rule.annotations.summary.length).toBeGreaterThan(0);
      expect(rule.annotations.runbook_url).toBe(`https://github.com/example-org/istio-mesh/blob/main/docs/runbook.md#${String(rule.alert).toLowerCase()}`);
    }
    expect(rules.IstioHighErrorRate.expr).toMatch(/response_code=~"5\.\."[\s\S]*> 5$/);
    expect(rules.IstioHighLatencyP99.expr).toMatch(/^histogram_quantile\(0\.99, [\s\S]*> 1000$/);
  });

  test("four Istio dashboards (mesh, service, workload, control plane) as ConfigMaps Grafana's sidecar loads", () => {
    const names = ["mesh", "service", "workload", "control-plane"];
    for (const name of names) {
      const configMap = object(run(stack), `ConfigMap monitoring/istio-dashboard-${name}`).inputs as Inputs;
      expect(configMap.metadata.labels).toEqual({ grafana_dashboard: "1" });
      const dashboard = JSON.parse(configMap.data[`istio-${name}.json`]);
      expect(dashboard.uid).toBe(`istio-${name}`);
      const queries = (dashboard.panels as Inputs[]).flatMap((panel) => (panel.targets ?? []).map((target: Inputs) => target.expr as string));
      expect(queries.length).toBeGreaterThanOrEqual(8);
      for (const query of queries) expect(query).toMatch(/(istio_|pilot_|envoy_|up\{|process_|go_|sidecar_|citadel_|galley_)/);
    }
    expect(values(run(stack)).grafana.sidecar.dashboards).toMatchObject({ label: "grafana_dashboard", labelValue: "1" });
  });

  test("Grafana's admin comes from the Secret grafana-admin, never a password in values", () => {
    const grafana = values(run(stack)).grafana;
    expect(grafana.admin).toEqual({ existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
    expect(grafana.adminPassword).toBeUndefined();
  });
});

describe("what each stack stores", () => {
  test("prod keeps 15 days on a 100Gi claim per replica, with two replicas; dev keeps 2 days in an emptyDir", () => {
    const prod = values(run("prod")).prometheus.prometheusSpec;
    expect(prod).toMatchObject({ replicas: 2, retention: "15d" });
    expect(prod.storageSpec.volumeClaimTemplate.spec.resources.requests.storage).toBe("100Gi");
    const dev = values(run("dev")).prometheus.prometheusSpec;
    expect(dev).toMatchObject({ replicas: 1, retention: "2d", storageSpec: {} });
  });

  test("every add-on of the monitoring stack has requests and limits", () => {
    const stackValues = values(run("prod"));
    for (const resources of [
      stackValues.prometheus.prometheusSpec.resources,
      stackValues.alertmanager.alertmanagerSpec.resources,
      stackValues.prometheusOperator.resources,
      stackValues.grafana.resources,
    ]) {
      expect(Object.keys(resources.requests).sort()).toEqual(["cpu", "memory"]);
      expect(Object.keys(resources.limits).sort()).toEqual(["cpu", "memory"]);
    }
  });
});

test("the mTLS alert counts mesh-internal handshakes only, above a noise floor; the public ingress listener has its own warning", () => {
  const rules = alerts(run("prod"));
  const mtls = rules.IstioMtlsHandshakeFailures;
  expect(mtls.labels.severity).toBe("critical");
  expect(mtls.expr).toMatch(/> 0\.05$/);
  expect(mtls.expr).toContain('envoy_cluster_ssl_connection_error{cluster_name=~"outbound[|][0-9]+[|][^|]*[|].+[.]svc[.]cluster[.]local"}');
  expect(mtls.expr).toContain('envoy_listener_ssl_connection_error{listener_address=~".+_15006"}');
  expect(mtls.expr).not.toContain('namespace="istio-ingress"');
  const ingress = rules.IstioIngressTlsHandshakeErrors;
  expect([ingress.labels.severity, ingress.for]).toEqual(["warning", "15m"]);
  expect(ingress.expr).toContain('envoy_listener_ssl_handshake{namespace="istio-ingress", listener_address=~".+_443"}');
  expect(ingress.expr).toMatch(/> 50$/);
});

describe("alert routing", () => {
  test("dev routes everything to the null receiver, and mounts no receivers' Secret", () => {
    const alertmanager = values(run("dev")).alertmanager;
    expect(alertmanager.config.receivers).toEqual([{ name: "null" }]);
    expect(alertmanager.config.route.routes).toEqual([{ receiver: "null", matchers: ['alertname = "Watchdog"'] }]);
    expect(alertmanager.alertmanagerSpec.secrets).toEqual([]);
    expect(kubernetesObjects(run("dev")).has("Secret monitoring/alertmanager-receivers")).toBe(false);
  });

  test("prod pages PagerDuty for critical alerts and posts critical and warning ones to Slack, keys read from files of a mounted Secret", () => {
    const alertmanager = values(run("prod")).alertmanager;
    expect(alertmanager.config.route.routes).toEqual([
      { receiver: "null", matchers: ['alertname = "Watchdog"'] },
      { receiver: "pagerduty", matchers: ['severity =~ "critical"'], continue: true },
      { receiver: "slack", matchers: ['severity =~ "critical|warning"'], continue: true },
    ]);
    const [, pagerduty, slack] = alertmanager.config.receivers;
    expect(pagerduty.pagerduty_configs).toEqual([{ routing_key_file: "/etc/alertmanager/secrets/alertmanager-receivers/pagerduty-routing-key", send_resolved: true }]);
    expect(slack.slack_configs[0]).toMatchObject({ api_url_file: "/etc/alertmanager/secrets/alertmanager-receivers/slack-api-url", channel: "#platform-alerts" });
    expect(slack.slack_configs[0].text).toContain("{{ .Annotations.runbook_url }}");
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(["alertmanager-receivers"]);
    expect(JSON.stringify(alertmanager)).not.toMatch(/"(api_url|url|routing_key|service_key)"/);
  });

  test("prod writes the receivers' Secret in monitoring before the release whose Alertmanager mounts it", () => {
    const secret = kubernetesObjects(run("prod")).get("Secret monitoring/alertmanager-receivers") as Registration;
    expect((secret.inputs as Inputs).stringData).toBe("[secret]");
    expect(secret.dependsOn).toContain(kubernetesObjects(run("prod")).get("Namespace /monitoring")?.urn);
    expect(release(run("prod")).dependsOn).toContain(secret.urn);
  });

  test("a webhook for warnings reads its URL from url_file", async () => {
    const staging = await renderWithConfig("staging", (config) => ({
      ...config,
      "istio-mesh:monitoring": JSON.stringify({ alertmanager: { receivers: { webhook: { severities: ["warning"] }, secretName: "alert-hooks" } } }),
    }));
    const alertmanager = values(staging).alertmanager;
    expect(alertmanager.config.receivers[1]).toEqual({ name: "webhook", webhook_configs: [{ url_file: "/etc/alertmanager/secrets/alert-hooks/webhook-url", send_resolved: true }] });
    expect(alertmanager.config.route.routes[1]).toEqual({ receiver: "webhook", matchers: ['severity =~ "warning"'], continue: true });
    expect(alertmanager.alertmanagerSpec.secrets).toEqual(["alert-hooks"]);
    expect(kubernetesObjects(staging).has("Secret monitoring/alert-hooks")).toBe(false);
  });
});

test("alert thresholds come from config", async () => {
  const tuned = await renderWithConfig("staging", (config) => ({
    ...config,
    "istio-mesh:monitoring": JSON.stringify({
      alerts: { errorRatePercent: 2.5, latencyP99Milliseconds: 750, rateLimitedRequestsPerSecond: 10, mtlsHandshakeFailuresPerSecond: 1, ingressTlsHandshakeErrorPercent: 80, for: "10m" },
    }),
  }));
  const rules = alerts(tuned);
  expect(rules.IstioHighErrorRate.expr).toMatch(/> 2\.5$/);
  expect(rules.IstioHighErrorRate.for).toBe("10m");
  expect(rules.IstioHighLatencyP99.expr).toMatch(/> 750$/);
  expect(rules.IstioRateLimited.expr).toMatch(/response_code="429"[\s\S]*> 10$/);
  expect(rules.IstioMtlsHandshakeFailures.expr).toMatch(/> 1$/);
  expect(rules.IstioIngressTlsHandshakeErrors.expr).toMatch(/> 80$/);
});

describe.each(stacks)("stack %s: cert-manager's certificates are watched", (stack) => {
  test("a ServiceMonitor scrapes cert-manager's controller Service, keeping the Certificates' own namespace label, after the release", () => {
    const serviceMonitor = object(run(stack), "ServiceMonitor monitoring/cert-manager");
    expect(serviceMonitor.dependsOn).toContain(release(run(stack)).urn);
    expect((serviceMonitor.inputs as Inputs).spec).toEqual({
      selector: { matchLabels: { "app.kubernetes.io/name": "cert-manager", "app.kubernetes.io/instance": "cert-manager", "app.kubernetes.io/component": "controller" } },
      namespaceSelector: { matchNames: ["cert-manager"] },
      endpoints: [{ port: "http-metrics", interval: "60s", honorLabels: true }],
    });
  });

  test("certificates that are not ready, and those about to expire, alert with their runbook sections", () => {
    const rule = object(run(stack), "PrometheusRule monitoring/certificate-alerts");
    expect(rule.dependsOn).toContain(release(run(stack)).urn);
    const rules = Object.fromEntries(((rule.inputs as Inputs).spec.groups[0].rules as Inputs[]).map((entry) => [entry.alert, entry]));
    expect(Object.keys(rules).sort()).toEqual(["CertificateExpiringSoon", "CertificateNotReady"]);
    expect(rules.CertificateExpiringSoon).toMatchObject({ labels: { severity: "critical" }, for: "1h" });
    expect(rules.CertificateExpiringSoon.expr).toMatch(/certmanager_certificate_expiration_timestamp_seconds - time\(\)\) < 604800$/);
    expect(rules.CertificateNotReady).toMatchObject({ labels: { severity: "warning" }, for: "30m" });
    expect(rules.CertificateNotReady.annotations.runbook_url).toMatch(/docs\/runbook\.md#certificatenotready$/);
  });
});

test("without cert-manager there is nothing of it to scrape and no certificate alert", async () => {
  const withoutCertManager = await renderWithConfig("dev", (config) => ({
    ...config,
    "istio-mesh:certManager": JSON.stringify({ enabled: false }),
    "istio-mesh:mesh": JSON.stringify({}),
    "istio-mesh:argocd": JSON.stringify({ enabled: false }),
  }));
  expect(kubernetesObjects(withoutCertManager).has("ServiceMonitor monitoring/istiod")).toBe(true);
  expect(kubernetesObjects(withoutCertManager).has("ServiceMonitor monitoring/cert-manager")).toBe(false);
  expect(kubernetesObjects(withoutCertManager).has("PrometheusRule monitoring/certificate-alerts")).toBe(false);
});

describeIfPresent(certManagerModuleDir, "cert-manager's metrics Service against its chart")("the chart serves what the ServiceMonitor selects", () => {
  test("the chart's controller Service (rendered while prometheus.enabled, true by default) has the selected labels and port", () => {
    const chartDir = path.join(certManagerModuleDir, "deploy/charts/cert-manager");
    const service = fs.readFileSync(path.join(chartDir, "templates/service.yaml"), "utf8");
    expect(service.split("\n")[0]).toBe("{{- if and .Values.prometheus.enabled (not .Values.prometheus.podmonitor.enabled) }}");
    const defaults = parse(fs.readFileSync(path.join(chartDir, "values.yaml"), "utf8")) as Inputs;
    expect(defaults.prometheus).toMatchObject({ enabled: true, podmonitor: { enabled: false } });
    const labels = /\n {2}labels:\n([\s\S]*?)\nspec:/.exec(service)?.[1] ?? "";
    // `cert-manager.name` is the chart's name unless nameOverride; the release is the one the stack names.
    expect(labels).toContain('app.kubernetes.io/name: {{ include "cert-manager.name" . }}');
    expect(labels).toContain("app.kubernetes.io/instance: {{ .Release.Name }}");
    expect(labels).toContain('app.kubernetes.io/component: "controller"');
    expect(service).toMatch(/port: 9402\n\s+name: http-metrics\n/);
    const { selector, endpoints } = (object(run("prod"), "ServiceMonitor monitoring/cert-manager").inputs as Inputs).spec;
    expect(selector.matchLabels["app.kubernetes.io/instance"]).toBe(certManagerChart.releaseName);
    expect(selector.matchLabels["app.kubernetes.io/name"]).toBe(certManagerChart.chart);
    expect(endpoints[0].port).toBe("http-metrics");
  });
});
