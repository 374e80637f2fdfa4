/**
 * Where a Gateway's workload runs: the namespace of the gateway Helm release whose pod labels match the
 * Gateway's selector. TLS secrets (`credentialName`) are read from that namespace.
 */
import { gatewayWorkloadLabels, isGatewayRelease } from "./helmReleases";
import { MeshResource } from "./meshResource";
import { asStringMap } from "./values";

export interface GatewayWorkloadResolver {
  /** The workload namespace, or undefined when no gateway release in the stack matches the selector. */
  namespaceOf(gateway: MeshResource): string | undefined;
}

function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const keys = Object.keys(selector);
  return keys.length > 0 && keys.every((key) => labels[key] === selector[key]);
}

/** Indexes the (few) gateway releases once; each lookup is then linear in the number of releases. */
export function gatewayWorkloadResolver(helmReleases: readonly MeshResource[]): GatewayWorkloadResolver {
  const releases = helmReleases
    .filter(isGatewayRelease)
    .map((release) => ({ namespace: release.namespace, labels: gatewayWorkloadLabels(release) }));
  return {
    namespaceOf: (gateway) => {
      const selector = asStringMap(gateway.spec.selector);
      return releases.find((release) => selectorMatches(selector, release.labels))?.namespace;
    },
  };
}
