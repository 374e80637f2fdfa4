/**
 * Where a Gateway's workload runs: the namespace of the gateway Helm release whose pod labels match the
 * Gateway's selector. TLS secrets (`credentialName`) are read from that namespace.
 */
import { selectorKey } from "./gateway";
import { gatewayPodLabels, isGatewayRelease } from "./helmReleases";
import { MeshResource } from "./meshResource";
import { asStringMap } from "./values";

export interface GatewayWorkloadResolver {
  /** The workload namespace, or undefined when no gateway release in the stack matches the selector. */
  namespaceOf(gateway: MeshResource): string | undefined;
  /**
   * An identity of the workload the Gateway configures: its gateway release (`release:<ns>/<name>`) when one
   * matches, else its selector where it is declared (`selector:<ns>:<labels>`).
   */
  workloadOf(gateway: MeshResource): string;
  /**
   * Whether the Gateway configures an egress gateway: the pod labels of the release it selects (its selector
   * itself when no release of the stack matches) name one in `istio` or `app`, as Istio's `istio: egressgateway`
   * and release `istio-egressgateway` do.
   */
  isEgress(gateway: MeshResource): boolean;
}

const egressLabelKeys = ["istio", "app"];

function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((key) => labels[key] === selector[key]);
}

/** Indexes the (few) gateway releases once; each lookup is then linear in the number of releases. */
export function gatewayWorkloadResolver(helmReleases: readonly MeshResource[]): GatewayWorkloadResolver {
  const releases = helmReleases
    .filter(isGatewayRelease)
    .map((release) => ({ namespace: release.namespace, name: release.name, labels: gatewayPodLabels(release) }));
  const releaseOf = (gateway: MeshResource) => {
    const selector = asStringMap(gateway.spec.selector);
    return releases.find((release) => selectorMatches(selector, release.labels));
  };
  return {
    isEgress: (gateway) => {
      const labels = releaseOf(gateway)?.labels ?? asStringMap(gateway.spec.selector);
      return egressLabelKeys.some((key) => (labels[key] ?? "").includes("egress"));
    },
    namespaceOf: (gateway) => releaseOf(gateway)?.namespace,
    workloadOf: (gateway) => {
      const release = releaseOf(gateway);
      return release ? `release:${release.namespace}/${release.name}` : `selector:${gateway.namespace}:${selectorKey(asStringMap(gateway.spec.selector))}`;
    },
  };
}
