import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { analysisInput, type AnalysisSettings, resolveAnalysis } from "./analysis";
import { argocdInput, type ArgocdSettings, resolveArgocd } from "./argocd";
import { schemaKeys } from "./configKeys";
import { describeMisspeltKey, misspeltKeys } from "./configNamespaces";
import { type Environment, environmentDefaults, environments } from "./environments";
import { describeValue, SettingsError } from "./errors";
import { certManagerInput, type CertManagerSettings, checkIngressTls, resolveCertManager } from "./certManager";
import { istioInput, type IstioSettings, resolveIstio } from "./istio";
import { gatewayApiInput, type GatewayApiSettings, resolveGatewayApi } from "./gatewayApi";
import { checkKialiDependencies, kialiInput, type KialiSettings, resolveKiali } from "./kiali";
import { type AppNamespace, kubernetesInput, type KubernetesSettings, namespacesInput } from "./kubernetes";
import { meshInput, type MeshSettings, resolveMesh } from "./mesh";
import { monitoringInput, type MonitoringSettings, resolveMonitoring } from "./monitoring";
import { isSecretKey, MissingSecretsError, projectName, type SecretKey, secretInput, secretKeys, SecretValues } from "./secrets";
import { isOutput } from "./outputs";
import { checkServed, servedRevisionValues } from "./revisions";
import { resolveTracing, tracingInput, type TracingSettings } from "./tracing";
import { parsePartially, problemKey, readsDamage, touchesDamage } from "./partialParse";
import { oneOf } from "./validators";

export { SettingsError } from "./errors";
export { foreignConfigKeys } from "./configNamespaces";
export type { AnalysisSuppression } from "./analysis";
export type { Environment } from "./environments";
export { MissingSecretsError, projectName, secretConfigKeys, type SecretKey, setSecretCommand } from "./secrets";

/** Namespaces the platform itself owns; app namespaces may not take these names. */
const platformNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease", "istio-system", "istio-ingress", "istio-egress", "cert-manager", "monitoring", "observability"];

/** Each secret config key as a secret Output; the kubeconfig comes first, next to the cluster it points at. */
const { kubeconfig: kubeconfigInput, ...credentialInputs } = Object.fromEntries(secretKeys.map((key) => [key, secretInput(key).optional()])) as Record<
  SecretKey,
  z.ZodOptional<ReturnType<typeof secretInput>>
>;

const stackConfigSchema = z.strictObject({
  environment: oneOf(environments).optional(),
  kubernetes: kubernetesInput.optional(),
  kubeconfig: kubeconfigInput,
  istio: istioInput.optional(),
  namespaces: namespacesInput.optional(),
  certManager: certManagerInput.optional(),
  monitoring: monitoringInput.optional(),
  tracing: tracingInput.optional(),
  kiali: kialiInput.optional(),
  mesh: meshInput.optional(),
  ...credentialInputs,
  analysis: analysisInput.optional(),
  gatewayApi: gatewayApiInput.optional(),
  argocd: argocdInput.optional(),
});

/** Every key the stack config accepts under `istio-mesh:` (settings/configKeys.ts); docs/configuration.md documents each. */
export function acceptedConfigKeys(): string[] {
  return schemaKeys(stackConfigSchema);
}

/** Everything a stack deploys, validated and with its environment's defaults applied. */
export interface Settings {
  readonly stack: string;
  /** The environment profile whose defaults apply. @defaultValue the stack name, when it is dev, staging or prod */
  readonly environment: Environment;
  readonly kubernetes: KubernetesSettings;
  readonly istio: IstioSettings;
  /** App namespaces the stack creates, with sidecar injection. */
  readonly namespaces: readonly AppNamespace[];
  /** cert-manager, its ClusterIssuers and the ingress certificates. */
  readonly certManager: CertManagerSettings;
  /** kube-prometheus-stack, Istio scraping, dashboards and alerts. */
  readonly monitoring: MonitoringSettings;
  /** Jaeger and the mesh-wide Telemetry. */
  readonly tracing: TracingSettings;
  readonly kiali: KialiSettings;
  /** Services, ingress, egress and rate limits of the mesh (`istio-mesh:mesh`). */
  readonly mesh: MeshSettings;
  /** The Gateway API CRDs, for a stack whose `mesh.ingress.api` is `gateway-api` (`istio-mesh:gatewayApi`). */
  readonly gatewayApi: GatewayApiSettings;
  /** How `npm run analyze` treats istioctl's findings (`istio-mesh:analysis`); no component reads it. */
  readonly analysis: AnalysisSettings;
  /** Argo CD for the teams that deliver into the mesh (`istio-mesh:argocd`). */
  readonly argocd: ArgocdSettings;
}

function resolveEnvironment(stack: string, configured: Environment | undefined): Environment {
  const fromStackName = environments.find((environment) => environment === stack);
  const environment = configured ?? fromStackName;
  if (environment === undefined) {
    throw new SettingsError(stack, [
      `environment: expected one of ${environments.map((name) => JSON.stringify(name)).join(", ")} (the stack "${stack}" is not named after one), got nothing`,
    ]);
  }
  return environment;
}

function resolveNamespaces(input: z.infer<typeof namespacesInput> | undefined, istio: IstioSettings, problems: string[]): AppNamespace[] {
  const namespaces = (input ?? []).map((namespace) => ({
    name: namespace.name,
    labels: namespace.labels ?? {},
    injection: namespace.injection ?? true,
    kubernetesApi: namespace.kubernetesApi ?? false,
    revision: namespace.revision,
  }));
  const served = servedRevisionValues(istio);
  const seen = new Set<string>();
  namespaces.forEach((namespace, index) => {
    if (platformNamespaces.includes(namespace.name)) {
      problems.push(`namespaces[${index}].name: expected an app namespace, not one the platform owns (${platformNamespaces.join(", ")}), got ${describeValue(namespace.name)}`);
    }
    const injectionKeys = Object.keys(namespace.labels).filter((key) => key === "istio-injection" || key === "istio.io/rev");
    if (injectionKeys.length > 0) {
      problems.push(
        `namespaces[${index}].labels: expected no ${injectionKeys.join(" or ")} label (the stack derives injection from namespaces[${index}].injection, namespaces[${index}].revision and istio.injectionRevision), got ${describeValue(namespace.labels)}`,
      );
    }
    if (namespace.revision !== undefined && !namespace.injection) {
      problems.push(`namespaces[${index}].revision: expected no revision on a namespace without injection (namespaces[${index}].injection is false), got ${describeValue(namespace.revision)}`);
    }
    checkServed(`namespaces[${index}].revision`, namespace.revision, served, problems);
    if (seen.has(namespace.name)) problems.push(`namespaces[${index}].name: expected a name not listed before, got ${describeValue(namespace.name)} twice`);
    seen.add(namespace.name);
  });
  return namespaces;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !isOutput(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/**
 * The pure part: stack config values (keys without the `istio-mesh:` prefix, objects already parsed, secret keys
 * as secret Outputs) to one frozen settings object. `foreignKeys` are the stack's keys under other namespaces
 * (`aws:region`), checked for misspellings of this project's namespace and of those the program uses. Throws a
 * SettingsError naming every bad key at once (schema errors and the checks across keys together), then a
 * MissingSecretsError naming every secret config key the stack needs and does not set, before anything is
 * registered.
 */
export function parseSettings(stack: string, config: Readonly<Record<string, unknown>>, foreignKeys: readonly string[] = []): Settings {
  const { data: input, problems: schemaProblems, damaged: schemaDamage } = parsePartially(stackConfigSchema, config);
  const misspelt = misspeltKeys(foreignKeys);
  const problems = [...misspelt.map(describeMisspeltKey), ...schemaProblems];
  // `istio-mseh:istio` leaves `istio` at its defaults: checks reading it would judge the defaults, not the config.
  const damaged = [...schemaDamage, ...misspelt.filter(({ meantNamespace }) => meantNamespace === projectName).map(({ name }) => [name])];
  // Every default hangs on the environment: without one, the checks across keys would judge the wrong profile.
  if (input === undefined || readsDamage("environment", damaged)) throw new SettingsError(stack, problems);
  let environment: Environment;
  try {
    environment = resolveEnvironment(stack, input.environment);
  } catch (error) {
    if (error instanceof SettingsError) throw new SettingsError(stack, [...problems, ...error.problems]);
    throw error;
  }
  // Each check reports into its own list, kept only when the other keys it reads parsed: a check reading a value
  // that failed its schema (or a default standing in for it) would report a problem the config does not have.
  const reports: { reads: readonly string[]; lines: string[] }[] = [];
  const report = (...reads: string[]): string[] => {
    const lines: string[] = [];
    reports.push({ reads, lines });
    return lines;
  };
  const secrets = new SecretValues(Object.fromEntries(secretKeys.map((key) => [key, input[key]])));
  const istio = resolveIstio(input.istio, environment, report());
  const platform: Omit<Settings, "argocd"> = {
    stack,
    environment,
    kubernetes: {
      context: input.kubernetes?.context,
      kubeconfig: input.kubeconfig,
      retainNamespaces: input.kubernetes?.retainNamespaces ?? environmentDefaults[environment].retainNamespaces,
      protectAppNamespaces: input.kubernetes?.protectAppNamespaces ?? environmentDefaults[environment].protectAppNamespaces,
    },
    istio,
    namespaces: resolveNamespaces(input.namespaces, istio, report("istio.revisions", "istio.revisionTags", "istio.injectionRevision")),
    certManager: resolveCertManager(input.certManager, environment, report(), secrets),
    monitoring: resolveMonitoring(input.monitoring, environment, report(), secrets),
    tracing: resolveTracing(input.tracing, environment, report()),
    kiali: resolveKiali(input.kiali, environment, report(), secrets),
    mesh: resolveMesh(
      input.mesh,
      { environment, namespaces: (input.namespaces ?? []).map((namespace) => namespace.name), egressGatewayEnabled: istio.egressGateway.enabled },
      report("namespaces", "istio.egressGateway.enabled"),
    ),
    analysis: resolveAnalysis(input.analysis),
    gatewayApi: resolveGatewayApi(input.gatewayApi, input.mesh?.ingress?.api ?? "istio", environment, report("mesh.ingress.api")),
  };
  const argocdContext = {
    environment,
    namespaces: platform.namespaces.map((namespace) => namespace.name),
    reservedNamespaces: platformNamespaces,
    ingress: platform.mesh.ingress,
    alertRouting: platform.monitoring.alertmanager.routing,
    receiversSecretExisting: input.monitoring?.alertmanager?.receivers?.secretName !== undefined,
  };
  const argocd = resolveArgocd(input.argocd, argocdContext, report("namespaces", "mesh.ingress", "monitoring.alertmanager"), secrets);
  const settings: Settings = { ...platform, argocd };
  checkKialiDependencies(settings.kiali, settings.monitoring, report("kiali.enabled", "monitoring.enabled", "monitoring.grafana.adminSecretName", "kiali.grafana.passwordSecretName"));
  checkIngressTls(settings.certManager, settings.mesh.ingress, report("certManager", "mesh.ingress"));
  for (const { reads, lines } of reports) {
    if (reads.some((key) => readsDamage(key, damaged))) continue;
    problems.push(...lines.filter((line) => !touchesDamage(problemKey(line), damaged)));
  }
  if (problems.length > 0) throw new SettingsError(stack, problems);
  if (secrets.missing.length > 0) throw new MissingSecretsError(stack, secrets.missing);
  return deepFreeze(settings);
}

/** Structured values reach the program as JSON text; plain strings stay strings. */
function parseConfigValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The engine's config (`istio-mesh:<key>` → text) as parseSettings takes it: objects parsed, and every secret
 * key read through `readSecret` only, so no credential is ever handled as plain text.
 */
export function configValues(allConfig: Readonly<Record<string, string>>, readSecret: (key: SecretKey) => pulumi.Output<string>): Record<string, unknown> {
  const prefix = `${projectName}:`;
  const values: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(allConfig)) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    values[key] = isSecretKey(key) ? readSecret(key) : parseConfigValue(text);
  }
  return values;
}
