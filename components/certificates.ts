import * as kubernetes from "@pulumi/kubernetes";
import { CertManager } from "@pulumi/kubernetes-cert-manager";
import * as pulumi from "@pulumi/pulumi";
import type { CertManagerSettings } from "../settings/certManager";
import { gatewayCredentialName } from "../settings/certificateNames";
import { acmeIssuerSpec, certManagerArgs, certManagerPodDisruptionBudgets, dns01Credentials, gatewayIssuerName, issuerNames } from "./certManagerValues";
import { writeCredentialSecret } from "./credentialSecret";
import { certManager as names } from "./names";
import { outsideMeshLabels } from "./istioRevisions";

export interface CertificatesArgs {
  /** Validated cert-manager settings: replicas, resources and the issuer. */
  readonly certManager: CertManagerSettings;
  /** HTTPS hosts of the ingress Gateway; each gets a Certificate writing secret `gatewayCredentialName(host)`. */
  readonly httpsHosts: readonly string[];
  /** Namespace of the ingress gateway workload, where Istio reads gateway TLS secrets from. */
  readonly gatewayNamespace: string;
  /** The resource that creates that namespace: the certificates wait for it. */
  readonly gatewayNamespaceResource: pulumi.Resource;
  /** Keep `cert-manager` (the CA root and ACME account key Secrets) in the cluster when the stack drops it. @defaultValue false */
  readonly retainNamespace?: boolean;
  /** Seconds Helm waits for the cert-manager release before rolling it back. */
  readonly helmTimeoutSeconds: number;
}

const apiVersion = "cert-manager.io/v1";

/** HTTPS hosts need an issuer to sign them; settings guarantee it (checkIngressTls), this guards direct use. */
export function checkCertificatesArgs(args: CertificatesArgs): void {
  if (args.httpsHosts.length > 0 && args.certManager.issuer.type === "none") {
    throw new Error(`Certificates: ${args.httpsHosts.length} HTTPS hosts but no issuer (configure certManager.issuer)`);
  }
}

/**
 * cert-manager (its CRDs, controller, webhook and cainjector), the ClusterIssuers of the stack (a self-signed
 * root feeding a CA, or ACME) and one Certificate per HTTPS host of the ingress Gateway, in the gateway's
 * namespace. Every issuer and certificate waits for cert-manager, so its CRDs and webhook exist first.
 */
export class Certificates extends pulumi.ComponentResource {
  readonly namespace: kubernetes.core.v1.Namespace;
  /** The cert-manager component; under the mock monitor one opaque resource (its provider plugin makes the release). */
  readonly certManager: CertManager;
  /** The webhook's and cainjector's PodDisruptionBudgets (two or more replicas), which the component cannot render. */
  readonly podDisruptionBudgets: readonly kubernetes.policy.v1.PodDisruptionBudget[];
  /** The ClusterIssuer the gateway certificates name; undefined while a prod stack's ACME account is unconfigured. */
  readonly issuer?: kubernetes.apiextensions.CustomResource;
  /** Gateway certificates keyed by host. */
  readonly certificates: Readonly<Record<string, kubernetes.apiextensions.CustomResource>>;

  constructor(name: string, args: CertificatesArgs, opts?: pulumi.ComponentResourceOptions) {
    checkCertificatesArgs(args);
    super("istio-mesh:addons:Certificates", name, {}, opts);
    const { certManager: settings } = args;

    this.namespace = new kubernetes.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: names.namespace, labels: { ...outsideMeshLabels } } },
      { parent: this, retainOnDelete: args.retainNamespace ?? false },
    );
    this.certManager = new CertManager(`${name}-cert-manager`, certManagerArgs(settings, args.helmTimeoutSeconds), {
      parent: this,
      dependsOn: [this.namespace],
    });
    this.podDisruptionBudgets = certManagerPodDisruptionBudgets(settings).map(
      (budget) =>
        new kubernetes.policy.v1.PodDisruptionBudget(
          `${name}-${budget.name}-pdb`,
          { metadata: { name: budget.name, namespace: names.namespace }, spec: budget.spec },
          { parent: this, dependsOn: [this.namespace] },
        ),
    );
    const clusterIssuer = (suffix: string, issuerName: string, spec: Record<string, unknown>, dependsOn: pulumi.Resource[] = []) =>
      new kubernetes.apiextensions.CustomResource(
        `${name}-${suffix}`,
        { apiVersion, kind: "ClusterIssuer", metadata: { name: issuerName }, spec },
        { parent: this, dependsOn: [this.certManager, ...dependsOn] },
      );

    if (settings.issuer.type === "acme") {
      const solverCredentials = dns01Credentials(settings.issuer);
      const solverSecret =
        solverCredentials && writeCredentialSecret(`${name}-dns01-credentials`, solverCredentials, names.namespace, { parent: this, dependsOn: [this.namespace] });
      this.issuer = clusterIssuer("acme-issuer", issuerNames.acme, acmeIssuerSpec(settings.issuer), solverSecret ? [solverSecret] : []);
    } else if (settings.issuer.type === "selfSigned") {
      const bootstrap = clusterIssuer("bootstrap-issuer", issuerNames.bootstrap, { selfSigned: {} });
      const root = new kubernetes.apiextensions.CustomResource(
        `${name}-ca-root`,
        {
          apiVersion,
          kind: "Certificate",
          metadata: { name: issuerNames.caSecret, namespace: names.namespace },
          spec: {
            isCA: true,
            commonName: "istio-mesh gateway CA",
            secretName: issuerNames.caSecret,
            duration: "87600h",
            privateKey: { algorithm: "ECDSA", size: 256 },
            issuerRef: { group: "cert-manager.io", kind: "ClusterIssuer", name: issuerNames.bootstrap },
          },
        },
        { parent: this, dependsOn: [this.certManager, bootstrap] },
      );
      this.issuer = clusterIssuer("ca-issuer", issuerNames.ca, { ca: { secretName: issuerNames.caSecret } }, [root]);
    }

    // Without an issuer (a prod stack whose ACME account is not configured yet) there are no HTTPS hosts.
    const issuers = this.issuer === undefined ? [] : [this.issuer];
    const issuerRef = { group: "cert-manager.io", kind: "ClusterIssuer", name: gatewayIssuerName(settings.issuer) };
    this.certificates = Object.fromEntries(
      args.httpsHosts.map((host) => {
        const secretName = gatewayCredentialName(host);
        const certificate = new kubernetes.apiextensions.CustomResource(
          `${name}-${secretName}`,
          {
            apiVersion,
            kind: "Certificate",
            metadata: { name: secretName, namespace: args.gatewayNamespace },
            spec: {
              secretName,
              dnsNames: [host],
              issuerRef,
              duration: "2160h",
              renewBefore: "360h",
              privateKey: { algorithm: "ECDSA", size: 256, rotationPolicy: "Always" },
            },
          },
          { parent: this, dependsOn: [this.certManager, ...issuers, args.gatewayNamespaceResource] },
        );
        return [host, certificate];
      }),
    );

    this.registerOutputs({ namespace: this.namespace, certManager: this.certManager, podDisruptionBudgets: this.podDisruptionBudgets, issuer: this.issuer, certificates: this.certificates });
  }
}
