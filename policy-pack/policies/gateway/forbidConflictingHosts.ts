import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { selectorKey, serverHosts, serverPort, servers } from "../../lib/gateway";
import { describeResource, MeshResource } from "../../lib/meshResource";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { asString, asStringMap } from "../../lib/values";
import { labelsMatch } from "../../lib/workloads";

interface Claim {
  readonly gateway: MeshResource;
  readonly path: string;
  readonly entry: string;
}

/**
 * Two Gateways on one workload and port must not declare the same host (istioctl IST0145): their selectors are
 * equal, or a pod of the stack carries the labels of both.
 */
export const forbidConflictingHosts = defineStackPolicy({
  name: "istio-gateway-forbid-conflicting-hosts",
  description:
    "Gateways that configure the same gateway pods (equal selectors, or a pod both select) must not declare the same " +
    "host with the same bind on the same server port: Envoy keeps only one of them (istioctl IST0145 " +
    "ConflictingGateways). Merge the servers into one Gateway or make the hosts distinct.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["Gateway", ...workloadIndexKinds],
  check: (inventory) => {
    const workloads = workloadIndex(inventory);
    const claims = new Map<string, Claim[]>();
    for (const gateway of inventory.of("Gateway")) {
      for (const { path, value: server } of servers(gateway.spec)) {
        const bind = asString(server.bind) ?? "";
        serverHosts(server).forEach((entry, i) => {
          const key = `${serverPort(server) ?? ""}|${bind}|${entry}`;
          claims.set(key, [...(claims.get(key) ?? []), { gateway, path: `${path}.hosts[${i}]`, entry }]);
        });
      }
    }
    const sameWorkload = (a: MeshResource, b: MeshResource) => {
      const selectorA = asStringMap(a.spec.selector);
      const selectorB = asStringMap(b.spec.selector);
      return selectorKey(selectorA) === selectorKey(selectorB) || workloads.all.some((pod) => labelsMatch(selectorA, pod.labels) && labelsMatch(selectorB, pod.labels));
    };
    const findings = new Map<string, StackFinding>();
    for (const [key, group] of claims) {
      for (const claim of group) {
        const others = group.filter((other) => other.gateway !== claim.gateway && sameWorkload(claim.gateway, other.gateway));
        if (others.length === 0) continue;
        findings.set(`${claim.gateway.urn}|${claim.path}`, {
          resource: claim.gateway,
          path: claim.path,
          found: claim.entry,
          expected: `a host not also served on port ${key.split("|")[0]} of the same gateway pods by ${[...new Set(others.map((other) => describeResource(other.gateway)))].join(", ")}`,
          fix: "Serve each host from one Gateway per workload and port.",
        });
      }
    }
    return [...findings.values()];
  },
});
