import type * as kubernetes from "@pulumi/kubernetes";

export interface PinnedChart {
  /** Helm release name; fixed, since renaming a release orphans what it owns. */
  readonly releaseName: string;
  readonly chart: string;
  /** Exact chart version; never a range, so every stack installs what was tested. */
  readonly version: string;
  readonly repository: string;
  readonly namespace: string;
}

/**
 * ReleaseArgs every release shares: pinned chart, fixed name, `atomic` so an interrupted or failed install
 * rolls back instead of staying "pending", and a timeout long enough for the pods to become ready.
 */
export function pinnedReleaseArgs(
  chart: PinnedChart,
  values: Record<string, unknown>,
  timeoutSeconds: number,
): kubernetes.helm.v3.ReleaseArgs {
  return {
    name: chart.releaseName,
    chart: chart.chart,
    version: chart.version,
    repositoryOpts: { repo: chart.repository },
    namespace: chart.namespace,
    createNamespace: false,
    atomic: true,
    cleanupOnFail: true,
    timeout: timeoutSeconds,
    values,
  };
}
