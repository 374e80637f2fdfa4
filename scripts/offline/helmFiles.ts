import { stringify } from "yaml";
import { certManagerChartValues } from "../../policy-pack/lib/certManagerComponent";
import { defaultNamespaceOf, type RenderedFile } from "./manifestFiles";
import { autoName, type Registration } from "./mockEngine";

const releaseType = "kubernetes:helm.sh/v3:Release";
const certManagerType = "kubernetes-cert-manager:index:CertManager";

/** What `helm template <release> <chart> --repo <repository> --version <version> -n <namespace> -f values.yaml` needs. */
export interface ChartReference {
  readonly release: string;
  readonly chart: string;
  readonly repository?: string;
  readonly version?: string;
  readonly namespace: string;
}

/** A Helm release the stack installs: the Pulumi resource that installs it, its chart and its values. */
export interface HelmRelease {
  readonly registration: Registration;
  readonly chart: ChartReference;
  readonly values: Record<string, unknown>;
}

interface ReleaseInputs {
  readonly name?: string;
  readonly chart?: string;
  readonly version?: string;
  readonly namespace?: string;
  readonly repositoryOpts?: { readonly repo?: string };
  readonly values?: Record<string, unknown>;
}

type ChartDefaults = Omit<ChartReference, "version">;

function chartReference(inputs: ReleaseInputs, defaults: ChartDefaults): ChartReference {
  return {
    release: inputs.name ?? defaults.release,
    chart: inputs.chart ?? defaults.chart,
    repository: inputs.repositoryOpts?.repo ?? defaults.repository,
    version: inputs.version,
    namespace: inputs.namespace ?? defaults.namespace,
  };
}

function fromRelease(registration: Registration, registrations: readonly Registration[]): HelmRelease {
  const inputs = registration.inputs as ReleaseInputs;
  return {
    registration,
    chart: chartReference(inputs, {
      release: autoName(registration.name, registration.type),
      chart: "", // never used: a Release cannot be registered without its chart
      namespace: defaultNamespaceOf(registration, registrations),
    }),
    values: inputs.values ?? {},
  };
}

/**
 * The cert-manager component installs a `<name>-helm` Release of Jetstack's chart: `helmOptions` are its Release
 * args, and its values are `helmOptions.values` with every key the component types replaced by that typed input
 * (pulumi-go-helmbase's InitDefaults): a typed key left unset is dropped, whatever `helmOptions.values` said.
 */
function fromCertManager(registration: Registration, registrations: readonly Registration[]): HelmRelease {
  const { helmOptions } = registration.inputs as { helmOptions?: ReleaseInputs };
  return {
    registration,
    chart: chartReference(helmOptions ?? {}, {
      release: autoName(`${registration.name}-helm`, releaseType),
      chart: "cert-manager",
      repository: "https://charts.jetstack.io",
      namespace: defaultNamespaceOf(registration, registrations),
    }),
    values: certManagerChartValues(registration.inputs),
  };
}

/** Every Helm release of the stack: the Release resources and the cert-manager component's chart. */
export function helmReleases(registrations: readonly Registration[]): HelmRelease[] {
  return registrations.flatMap((registration) => {
    if (registration.type === releaseType) return [fromRelease(registration, registrations)];
    if (registration.type === certManagerType) return [fromCertManager(registration, registrations)];
    return [];
  });
}

/** Helm releases as `helm/<release>/values.yaml` and `helm/<release>/chart.json`, enough to `helm template` each one. */
export function helmFiles(registrations: readonly Registration[]): RenderedFile[] {
  return helmReleases(registrations).flatMap(({ chart, values }) => [
    { path: `helm/${chart.release}/values.yaml`, content: stringify(values) },
    { path: `helm/${chart.release}/chart.json`, content: `${JSON.stringify(chart, null, 2)}\n` },
  ]);
}
