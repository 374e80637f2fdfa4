import type { CertManagerArgs } from "@pulumi/kubernetes-cert-manager";
import { type CertManagerSettings, type Dns01Provider, type IssuerSettings, route53SecretKeys } from "../../settings/certManager";
import type { CredentialSecret } from "../../settings/secrets";
import { certManagerChart, resourceValues } from "./addonCharts";
import { pinnedReleaseArgs } from "../helmRelease";
import { gatewayIngressClass } from "../names";

/** The ClusterIssuers the stack creates, by role. */
export const issuerNames = Object.freeze({
  /** Self-signs the bootstrap CA certificate (dev, staging). */
  bootstrap: "selfsigned-bootstrap",
  /** CA ClusterIssuer built on that root; signs the gateway certificates (dev, staging). */
  ca: "mesh-ca",
  /** ACME (Let's Encrypt) ClusterIssuer (prod). */
  acme: "letsencrypt",
  /** Secret of the self-signed root, and of the ACME account key. */
  caSecret: "mesh-ca-root",
  acmeAccountKeySecret: "letsencrypt-account-key",
});

/** The ClusterIssuer the gateway certificates name. */
export function gatewayIssuerName(issuer: IssuerSettings): string {
  return issuer.type === "acme" ? issuerNames.acme : issuerNames.ca;
}

/**
 * The CertManager component's inputs. It writes every key it types over `helmOptions.values` (unset ones as
 * nothing), so the controller, webhook, cainjector and startupapicheck settings go through the typed inputs and
 * `helmOptions.values` keeps only keys it does not type: `crds` and the controller's `podDisruptionBudget`. The
 * typed webhook and cainjector have no `podDisruptionBudget`: `certManagerPodDisruptionBudgets` makes those.
 */
export function certManagerArgs(settings: CertManagerSettings, helmTimeoutSeconds: number): CertManagerArgs {
  const resources = resourceValues(settings.resources);
  const values = {
    crds: { enabled: true, keep: true },
    podDisruptionBudget: settings.podDisruptionBudget ? { enabled: true, minAvailable: 1 } : { enabled: false },
  };
  const release = pinnedReleaseArgs(certManagerChart, values, helmTimeoutSeconds);
  // The same Helm Release arguments in the component's own type (its Inputs are declared without `| undefined`).
  const helmOptions = { ...release, repositoryOpts: { repo: certManagerChart.repository } } as NonNullable<CertManagerArgs["helmOptions"]>;
  return {
    replicaCount: settings.replicas,
    resources,
    webhook: { replicaCount: settings.replicas, resources },
    cainjector: { replicaCount: settings.replicas, resources },
    startupapicheck: { resources },
    helmOptions,
  };
}

/**
 * cert-manager's controller metrics: the chart's Service `<release>` (`service.yaml`, rendered while
 * `prometheus.enabled`, the chart's default) serves them on port `http-metrics` (9402). Its `namespace` label is the
 * Certificate's, so the scrape keeps it (`honorLabels`) instead of renaming it to `exported_namespace`.
 */
export function certManagerServiceMonitorSpec(): Record<string, unknown> {
  return {
    selector: { matchLabels: { "app.kubernetes.io/name": certManagerChart.chart, "app.kubernetes.io/instance": certManagerChart.releaseName, "app.kubernetes.io/component": "controller" } },
    namespaceSelector: { matchNames: [certManagerChart.namespace] },
    endpoints: [{ port: "http-metrics", interval: "60s", honorLabels: true }],
  };
}

/** The chart's own labels on the webhook and cainjector pods (`webhook-deployment.yaml`, `cainjector-deployment.yaml`). */
function chartPodSelector(component: "webhook" | "cainjector"): Record<string, string> {
  return { "app.kubernetes.io/name": component, "app.kubernetes.io/instance": certManagerChart.releaseName, "app.kubernetes.io/component": component };
}

/**
 * The PodDisruptionBudgets the chart would render for the webhook and the cainjector (`<release>-webhook`,
 * `<release>-cainjector`, minAvailable 1, selecting the pods by the chart's labels), which the component cannot
 * ask it for; none below two replicas, where a budget of one would block every drain.
 */
export function certManagerPodDisruptionBudgets(settings: CertManagerSettings): { name: string; spec: Record<string, unknown> }[] {
  if (!settings.podDisruptionBudget) return [];
  return (["webhook", "cainjector"] as const).map((component) => ({
    name: `${certManagerChart.releaseName}-${component}`,
    spec: { minAvailable: 1, selector: { matchLabels: chartPodSelector(component) } },
  }));
}

function dns01Solver(dns01: Dns01Provider) {
  if (dns01.provider === "cloudflare") {
    return { cloudflare: { apiTokenSecretRef: { name: dns01.apiToken.name, key: dns01.apiTokenSecretKey } } };
  }
  const credentials =
    dns01.credentials === undefined
      ? {}
      : {
          accessKeyIDSecretRef: { name: dns01.credentials.name, key: route53SecretKeys.accessKeyId },
          secretAccessKeySecretRef: { name: dns01.credentials.name, key: route53SecretKeys.secretAccessKey },
        };
  return { route53: { region: dns01.region, ...(dns01.hostedZoneID === undefined ? {} : { hostedZoneID: dns01.hostedZoneID }), ...credentials } };
}

/** The Secret the DNS-01 solver reads its credentials from; undefined for HTTP-01 and for Route 53 with IRSA. */
export function dns01Credentials(issuer: Extract<IssuerSettings, { type: "acme" }>): CredentialSecret | undefined {
  if (issuer.solver.type !== "dns01") return undefined;
  const { dns01 } = issuer.solver;
  return dns01.provider === "cloudflare" ? dns01.apiToken : dns01.credentials;
}

/** `spec` of the ACME ClusterIssuer; HTTP-01 answers through Istio's Kubernetes Ingress support on the ingress gateway. */
export function acmeIssuerSpec(issuer: Extract<IssuerSettings, { type: "acme" }>): Record<string, unknown> {
  const solver = issuer.solver.type === "dns01" ? { dns01: dns01Solver(issuer.solver.dns01) } : { http01: { ingress: { ingressClassName: gatewayIngressClass } } };
  return {
    acme: {
      email: issuer.email,
      server: issuer.server,
      privateKeySecretRef: { name: issuerNames.acmeAccountKeySecret },
      solvers: [solver],
    },
  };
}
