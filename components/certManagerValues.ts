import type { CertManagerArgs } from "@pulumi/kubernetes-cert-manager";
import type { CertManagerSettings, Dns01Provider, IssuerSettings } from "../settings/certManager";
import { certManagerChart, resourceValues } from "./addonCharts";
import { pinnedReleaseArgs } from "./helmRelease";
import { gatewayIngressClass } from "./names";

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

function podDisruptionBudget(settings: CertManagerSettings) {
  return settings.podDisruptionBudget ? { enabled: true, minAvailable: 1 } : { enabled: false };
}

/**
 * The CertManager component's inputs. Its typed inputs cover the controller; `crds`, the PodDisruptionBudgets
 * and the whole webhook and cainjector blocks go through `helmOptions.values`, so no values subtree is split
 * between the two (the typed inputs would win wherever both set a key).
 */
export function certManagerArgs(settings: CertManagerSettings, helmTimeoutSeconds: number): CertManagerArgs {
  const resources = resourceValues(settings.resources);
  const component = { replicaCount: settings.replicas, resources, podDisruptionBudget: podDisruptionBudget(settings) };
  const values = {
    crds: { enabled: true, keep: true },
    podDisruptionBudget: component.podDisruptionBudget,
    webhook: component,
    cainjector: component,
  };
  const release = pinnedReleaseArgs(certManagerChart, values, helmTimeoutSeconds);
  // The same Helm Release arguments in the component's own type (its Inputs are declared without `| undefined`).
  const helmOptions = { ...release, repositoryOpts: { repo: certManagerChart.repository } } as NonNullable<CertManagerArgs["helmOptions"]>;
  return { replicaCount: settings.replicas, resources, helmOptions };
}

function dns01Solver(dns01: Dns01Provider) {
  if (dns01.provider === "cloudflare") {
    return { cloudflare: { apiTokenSecretRef: { name: dns01.apiTokenSecretName, key: dns01.apiTokenSecretKey } } };
  }
  const credentials =
    dns01.credentialsSecretName === undefined
      ? {}
      : {
          accessKeyIDSecretRef: { name: dns01.credentialsSecretName, key: "access-key-id" },
          secretAccessKeySecretRef: { name: dns01.credentialsSecretName, key: "secret-access-key" },
        };
  return { route53: { region: dns01.region, ...(dns01.hostedZoneID === undefined ? {} : { hostedZoneID: dns01.hostedZoneID }), ...credentials } };
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
