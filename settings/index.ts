import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { analysisInput, type AnalysisSettings, resolveAnalysis } from "./analysis";
import { type Environment, environments } from "./environments";
import { describeIssues, describeValue, SettingsError } from "./errors";
import { certManagerInput, type CertManagerSettings, checkIngressTls, resolveCertManager } from "./certManager";
import { istioInput, type IstioSettings, resolveIstio } from "./istio";
import { checkKialiDependencies, kialiInput, type KialiSettings, resolveKiali } from "./kiali";
import { type AppNamespace, kubeconfigInput, kubernetesInput, type KubernetesSettings, namespacesInput } from "./kubernetes";
import { meshInput, type MeshSettings, resolveMesh } from "./mesh";
import { monitoringInput, type MonitoringSettings, resolveMonitoring } from "./monitoring";
import { resolveTracing, tracingInput, type TracingSettings } from "./tracing";
import { oneOf } from "./validators";

export { SettingsError } from "./errors";
export type { AnalysisSuppression } from "./analysis";
export type { Environment } from "./environments";

/** The Pulumi project name: every stack config key lives under `istio-mesh:`. */
export const projectName = "istio-mesh";

/** Config keys that hold credentials; they are read only through the secret getters. */
export const secretKeys: readonly string[] = ["kubeconfig"];

/** Namespaces the platform itself owns; app namespaces may not take these names. */
const platformNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease", "istio-system", "istio-ingress", "istio-egress", "cert-manager", "monitoring", "observability"];

const stackConfigSchema = z.strictObject({
  environment: oneOf(environments).optional(),
  kubernetes: kubernetesInput.optional(),
  kubeconfig: kubeconfigInput.optional(),
  istio: istioInput.optional(),
  namespaces: namespacesInput.optional(),
  certManager: certManagerInput.optional(),
  monitoring: monitoringInput.optional(),
  tracing: tracingInput.optional(),
  kiali: kialiInput.optional(),
  mesh: meshInput.optional(),
  analysis: analysisInput.optional(),
});

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
  /** How `npm run analyze` treats istioctl's findings (`istio-mesh:analysis`); no component reads it. */
  readonly analysis: AnalysisSettings;
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

function resolveNamespaces(input: z.infer<typeof namespacesInput> | undefined, problems: string[]): AppNamespace[] {
  const namespaces = (input ?? []).map((namespace) => ({
    name: namespace.name,
    labels: namespace.labels ?? {},
    injection: namespace.injection ?? true,
  }));
  const seen = new Set<string>();
  namespaces.forEach((namespace, index) => {
    if (platformNamespaces.includes(namespace.name)) {
      problems.push(`namespaces[${index}].name: expected an app namespace, not one the platform owns (${platformNamespaces.join(", ")}), got ${describeValue(namespace.name)}`);
    }
    const injectionKeys = Object.keys(namespace.labels).filter((key) => key === "istio-injection" || key === "istio.io/rev");
    if (injectionKeys.length > 0) {
      problems.push(
        `namespaces[${index}].labels: expected no ${injectionKeys.join(" or ")} label (the stack derives injection from namespaces[${index}].injection and istio.revision), got ${describeValue(namespace.labels)}`,
      );
    }
    if (seen.has(namespace.name)) problems.push(`namespaces[${index}].name: expected a name not listed before, got ${describeValue(namespace.name)} twice`);
    seen.add(namespace.name);
  });
  return namespaces;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !pulumi.Output.isInstance(value) && !Object.isFrozen(value)) {
    Object.freeze(value);
    Object.values(value).forEach(deepFreeze);
  }
  return value;
}

/**
 * The pure part: stack config values (keys without the `istio-mesh:` prefix, objects already parsed) to one
 * frozen settings object. Throws a SettingsError naming every bad key before anything is registered.
 */
export function parseSettings(stack: string, config: Readonly<Record<string, unknown>>): Settings {
  const parsed = stackConfigSchema.safeParse(config);
  if (!parsed.success) throw new SettingsError(stack, describeIssues(stackConfigSchema, config, parsed.error.issues));
  const input = parsed.data;
  const environment = resolveEnvironment(stack, input.environment);
  const problems: string[] = [];
  const istio = resolveIstio(input.istio, environment, problems);
  const settings: Settings = {
    stack,
    environment,
    kubernetes: { context: input.kubernetes?.context, kubeconfig: input.kubeconfig },
    istio,
    namespaces: resolveNamespaces(input.namespaces, problems),
    certManager: resolveCertManager(input.certManager, environment, problems),
    monitoring: resolveMonitoring(input.monitoring, environment, problems),
    tracing: resolveTracing(input.tracing, environment, problems),
    kiali: resolveKiali(input.kiali, environment, problems),
    mesh: resolveMesh(
      input.mesh,
      { environment, namespaces: (input.namespaces ?? []).map((namespace) => namespace.name), egressGatewayEnabled: istio.egressGateway.enabled },
      problems,
    ),
    analysis: resolveAnalysis(input.analysis),
  };
  checkKialiDependencies(settings.kiali, settings.monitoring, problems);
  checkIngressTls(settings.certManager, settings.mesh.ingress, problems);
  if (problems.length > 0) throw new SettingsError(stack, problems);
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

/** Reads the current stack's config once; the only place in the program that touches `pulumi.Config`. */
export function readSettings(): Settings {
  const config = new pulumi.Config(projectName);
  const prefix = `${projectName}:`;
  const values: Record<string, unknown> = {};
  for (const [fullKey, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    values[key] = secretKeys.includes(key) ? config.requireSecret(key) : parseConfigValue(text);
  }
  return parseSettings(pulumi.getStack(), values);
}
