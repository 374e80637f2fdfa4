import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { credentialNameOf, servers } from "../../lib/gateway";
import { gatewayWorkloadResolver } from "../../lib/gatewayWorkloads";
import { describeResource } from "../../lib/meshResource";

/** One certificate secret per Gateway, so rotating or revoking it affects one set of hosts. */
export const forbidSharedCredential = defineStackPolicy({
  name: "istio-gateway-forbid-shared-credential",
  description:
    "A TLS `credentialName` must be used by one Gateway only (within the gateway workload's namespace); Gateways " +
    "sharing a secret serve each other's certificate and conflict on SNI. Give each Gateway its own Certificate.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Gateway", "HelmRelease"],
  check: (inventory) => {
    const workloads = gatewayWorkloadResolver(inventory.of("HelmRelease"));
    const owners = new Map<string, string>();
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("Gateway")) {
      const workloadNamespace = workloads.namespaceOf(gateway) ?? gateway.namespace;
      const label = describeResource(gateway);
      for (const { path, value: server } of servers(gateway.spec)) {
        const credential = credentialNameOf(server);
        if (!credential) {
          continue;
        }
        const key = `${workloadNamespace}/${credential}`;
        const owner = owners.get(key);
        if (owner === undefined) {
          owners.set(key, label);
        } else if (owner !== label) {
          findings.push({
            resource: gateway,
            path: `${path}.tls.credentialName`,
            found: credential,
            expected: `a secret not already used by ${owner}`,
            fix: "Issue a separate Certificate for this Gateway.",
          });
        }
      }
    }
    return findings;
  },
});
