import { z } from "zod";
import { resolveAddonResources, resources, emailAddress, httpsUrl, secretName } from "./addons";
import type { ComputeResources, Environment } from "./environments";
import { gatewayCredentialName } from "./certificateNames";
import { describeValue } from "./errors";
import { type CredentialSecret, resolveCredentialSecret, type SecretValues } from "./secrets";
import { boolean, computeResources, integer, nonEmptyString, oneOf } from "./validators";

const cloudflareInput = z.strictObject({
  provider: z.literal("cloudflare"),
  /** An existing Secret (in the cert-manager namespace) holding the API token; omit to have the stack write it from secret config. */
  apiTokenSecretName: secretName.optional(),
  apiTokenSecretKey: nonEmptyString.optional(),
});

const route53Input = z.strictObject({
  provider: z.literal("route53"),
  region: nonEmptyString,
  hostedZoneID: nonEmptyString.optional(),
  /** An existing Secret with `access-key-id` and `secret-access-key`; omit for secret config or the pod's ambient (IRSA) credentials. */
  credentialsSecretName: secretName.optional(),
});

export const certManagerInput = z.strictObject({
  enabled: boolean.optional(),
  replicas: integer(1, 5).optional(),
  resources: computeResources.optional(),
  issuer: z
    .strictObject({
      type: oneOf(["selfSigned", "acme"]).optional(),
      acme: z
        .strictObject({
          email: emailAddress.optional(),
          server: httpsUrl.optional(),
          solver: oneOf(["dns01", "http01"]).optional(),
          dns01: z.discriminatedUnion("provider", [cloudflareInput, route53Input], {
            error: "expected {provider: \"cloudflare\"} or {provider: \"route53\", region}",
          }).optional(),
        })
        .optional(),
    })
    .optional(),
});
export type CertManagerInput = z.infer<typeof certManagerInput>;
type AcmeInput = NonNullable<NonNullable<CertManagerInput["issuer"]>["acme"]>;

export type Dns01Provider =
  | {
      readonly provider: "cloudflare";
      /** The Secret with the API token: `cloudflare-api-token`, written from `istio-mesh:cloudflareApiToken`, or an existing one. */
      readonly apiToken: CredentialSecret;
      /** Key of the token in that Secret. @defaultValue api-token */
      readonly apiTokenSecretKey: string;
    }
  | {
      readonly provider: "route53";
      readonly region: string;
      readonly hostedZoneID?: string;
      /** Static AWS credentials (`access-key-id`, `secret-access-key`); undefined uses the pod's ambient (IRSA) credentials. */
      readonly credentials?: CredentialSecret;
    };

/** The Secrets the stack writes for the DNS-01 solvers, in the cert-manager namespace. */
export const dns01SecretNames = Object.freeze({ cloudflare: "cloudflare-api-token", route53: "route53-credentials" });

/** The keys of a Route 53 credentials Secret, written by the stack or someone else. */
export const route53SecretKeys = Object.freeze({ accessKeyId: "access-key-id", secretAccessKey: "secret-access-key" });

export type IssuerSettings =
  /** No issuer yet: a prod stack whose ACME account is not configured and that has no HTTPS hosts to certify. */
  | { readonly type: "none" }
  | { readonly type: "selfSigned" }
  | {
      readonly type: "acme";
      /** Where the ACME CA mails expiry notices; required to register the account. */
      readonly email: string;
      /** ACME directory. @defaultValue Let's Encrypt production */
      readonly server: string;
      /** DNS-01 works for wildcards and private gateways; HTTP-01 needs port 80 of the ingress open and unredirected. */
      readonly solver: { readonly type: "dns01"; readonly dns01: Dns01Provider } | { readonly type: "http01" };
    };

export interface CertManagerSettings {
  /** Install cert-manager and its issuers; the gateways' HTTPS hosts need it. @defaultValue true */
  readonly enabled: boolean;
  /** Replicas of controller, webhook and cainjector each. @defaultValue 1 (dev, staging), 2 (prod) */
  readonly replicas: number;
  /** A PodDisruptionBudget (minAvailable 1) per deployment; on whenever there are two or more replicas. */
  readonly podDisruptionBudget: boolean;
  /** Requests and limits of each cert-manager container. */
  readonly resources: ComputeResources;
  /** What signs the gateway certificates. @defaultValue self-signed CA (dev, staging), ACME DNS-01 (prod) */
  readonly issuer: IssuerSettings;
}

export const letsEncryptProduction = "https://acme-v02.api.letsencrypt.org/directory";

const defaults: Readonly<Record<Environment, { replicas: number; issuer: "selfSigned" | "acme"; resources: ComputeResources }>> = {
  dev: { replicas: 1, issuer: "selfSigned", resources: resources("10m", "32Mi", "100m", "128Mi") },
  staging: { replicas: 1, issuer: "selfSigned", resources: resources("50m", "64Mi", "200m", "256Mi") },
  prod: { replicas: 2, issuer: "acme", resources: resources("100m", "128Mi", "500m", "512Mi") },
};

/** What an ACME issuer lacks, one problem per missing key; `why` says what needs it. */
function missingAcmeKeys(acme: AcmeInput | undefined, why: string): string[] {
  const problems: string[] = [];
  if (acme?.email === undefined) problems.push(`certManager.issuer.acme.email: expected an email address (${why}; the ACME account registers with it), got nothing`);
  if ((acme?.solver ?? "dns01") === "dns01" && acme?.dns01 === undefined) {
    problems.push(`certManager.issuer.acme.dns01: expected {provider: "cloudflare"} or {provider: "route53", region} for the DNS-01 solver (${why}), got nothing`);
  }
  return problems;
}

type Dns01Input = NonNullable<AcmeInput["dns01"]>;

function resolveDns01(dns01: Dns01Input, secrets: SecretValues, problems: string[]): Dns01Provider {
  const nameKey = (key: string) => `certManager.issuer.acme.dns01.${key}`;
  if (dns01.provider === "cloudflare") {
    const apiTokenSecretKey = dns01.apiTokenSecretKey ?? "api-token";
    const apiToken = resolveCredentialSecret(
      { nameKey: nameKey("apiTokenSecretName"), name: dns01.apiTokenSecretName, stackName: dns01SecretNames.cloudflare, data: { [apiTokenSecretKey]: "cloudflareApiToken" } },
      secrets,
      problems,
    );
    return { provider: "cloudflare", apiToken, apiTokenSecretKey };
  }
  const { credentialsSecretName, ...route53 } = dns01;
  // Static keys are optional: without a Secret name and without either secret config key, the pod's IRSA role answers.
  const staticKeys = secrets.get("route53AccessKeyId") !== undefined || secrets.get("route53SecretAccessKey") !== undefined;
  const credentials =
    credentialsSecretName === undefined && !staticKeys
      ? undefined
      : resolveCredentialSecret(
          {
            nameKey: nameKey("credentialsSecretName"),
            name: credentialsSecretName,
            stackName: dns01SecretNames.route53,
            data: { [route53SecretKeys.accessKeyId]: "route53AccessKeyId", [route53SecretKeys.secretAccessKey]: "route53SecretAccessKey" },
          },
          secrets,
          problems,
        );
  return { ...route53, credentials };
}

function resolveIssuer(input: CertManagerInput["issuer"], type: "selfSigned" | "acme", problems: string[], secrets: SecretValues): IssuerSettings {
  if (type === "selfSigned") return { type };
  // The prod default stays dormant until configured; checkIngressTls asks for it once there are HTTPS hosts.
  if (input === undefined) return { type: "none" };
  const acme = input.acme;
  problems.push(...missingAcmeKeys(acme, "certManager.issuer.type is \"acme\""));
  const solverType = acme?.solver ?? "dns01";
  // A missing DNS-01 provider is reported above; the placeholder only keeps the (rejected) settings well-typed.
  const dns01: Dns01Provider =
    acme?.dns01 === undefined
      ? { provider: "cloudflare", apiToken: { source: "existing", name: "" }, apiTokenSecretKey: "" }
      : resolveDns01(acme.dns01, solverType === "dns01" ? secrets : secrets.unrequired(), problems);
  return {
    type,
    email: acme?.email ?? "",
    server: acme?.server ?? letsEncryptProduction,
    solver: solverType === "http01" ? { type: "http01" } : { type: "dns01", dns01 },
  };
}

export function resolveCertManager(input: CertManagerInput | undefined, environment: Environment, problems: string[], secrets: SecretValues): CertManagerSettings {
  const environmentDefaults = defaults[environment];
  const replicas = input?.replicas ?? environmentDefaults.replicas;
  if (environment === "prod" && replicas < 2) {
    problems.push(`certManager.replicas: expected an integer >= 2 in a prod stack (controller, webhook and cainjector stay up during a drain), got ${replicas}`);
  }
  const issuerType = input?.issuer?.type ?? environmentDefaults.issuer;
  if (input?.issuer?.acme !== undefined && issuerType !== "acme") {
    problems.push(`certManager.issuer.acme: expected nothing while certManager.issuer.type is "${issuerType}", got ${describeValue(input.issuer.acme)}`);
  }
  const enabled = input?.enabled ?? true;
  return {
    enabled,
    replicas,
    podDisruptionBudget: replicas >= 2,
    resources: resolveAddonResources("certManager.resources", input?.resources, environmentDefaults.resources, problems),
    issuer: resolveIssuer(input?.issuer, issuerType, problems, enabled ? secrets : secrets.unrequired()),
  };
}

/** Two hosts whose TLS secret names coincide (`a-b.example.com`, `a.b-example.com`) would share one certificate. */
function checkDistinctSecrets(hosts: readonly string[], problems: string[]): void {
  const firstBySecret = new Map<string, string>();
  for (const host of hosts) {
    const secret = gatewayCredentialName(host);
    const first = firstBySecret.get(secret);
    if (first !== undefined && first !== host) {
      problems.push(`mesh.ingress.hosts: expected hosts with distinct TLS secret names, got ${describeValue(first)} and ${describeValue(host)} (both ${secret})`);
    }
    firstBySecret.set(secret, first ?? host);
  }
}

/** What the cross-check needs of the ingress settings (`mesh.ingress`, settings/meshTypes.ts IngressSettings). */
export interface IngressTls {
  /** HTTPS hosts of the ingress Gateway (`mesh.ingress.hosts`). */
  readonly hosts: readonly string[];
  /** Port 80 redirects to HTTPS (`mesh.ingress.httpsRedirect`). */
  readonly httpsRedirect: boolean;
  /** The redirect lets `/.well-known/acme-challenge/` through (`mesh.ingress.acmeHttp01`). */
  readonly acmeHttp01: boolean;
}

/**
 * The cross-check once both cert-manager and the mesh's ingress are resolved: HTTPS hosts need cert-manager to
 * write their secrets; HTTP-01 can prove neither a wildcard host nor a host whose challenge path is redirected.
 */
export function checkIngressTls(certManager: CertManagerSettings, ingress: IngressTls, problems: string[]): void {
  if (ingress.hosts.length === 0) return;
  checkDistinctSecrets(ingress.hosts, problems);
  if (!certManager.enabled) {
    problems.push(
      `mesh.ingress.hosts: expected no HTTPS hosts while certManager.enabled is false (cert-manager writes their TLS secrets; set certManager.enabled true), got ${describeValue(ingress.hosts)}`,
    );
    return;
  }
  const { issuer } = certManager;
  if (issuer.type === "none") {
    problems.push(...missingAcmeKeys(undefined, "a prod stack issues mesh.ingress.hosts certificates from ACME by default"));
    return;
  }
  if (issuer.type !== "acme" || issuer.solver.type !== "http01") return;
  const wildcards = ingress.hosts.filter((host) => host.startsWith("*."));
  if (wildcards.length > 0) {
    problems.push(`mesh.ingress.hosts: expected no wildcard hosts with certManager.issuer.acme.solver "http01" (ACME issues wildcards over DNS-01 only), got ${describeValue(wildcards)}`);
  }
  if (ingress.httpsRedirect && !ingress.acmeHttp01) {
    problems.push(
      "mesh.ingress.acmeHttp01: expected true with certManager.issuer.acme.solver \"http01\" while mesh.ingress.httpsRedirect is true (else /.well-known/acme-challenge/ is redirected to HTTPS and the first issuance fails), got false",
    );
  }
}
