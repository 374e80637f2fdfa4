import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { credentialNamesOf, credentialSecret, servers } from "../../lib/gateway";
import { gatewayWorkloadResolver } from "../../lib/gatewayWorkloads";
import { describeResource } from "../../lib/meshResource";

/** One certificate secret per Gateway, so rotating or revoking it affects one set of hosts. */
export const forbidSharedCredential = defineStackPolicy({
  name: "istio-gateway-forbid-shared-credential",
  description:
    "A TLS `credentialName` must be used by one Gateway only per gateway workload (the gateway release its " +
    "selector matches, as istioctl's duplicate-certificate check compares selectors); Gateways " +
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
      const workload = workloads.workloadOf(gateway);
      const label = describeResource(gateway);
      for (const { path, value: server } of servers(gateway.spec)) {
        for (const { path: field, value: credential } of credentialNamesOf(server)) {
          const secret = credentialSecret(credential, workloadNamespace);
          if (!secret) {
            continue;
          }
          const key = `${workload}|${secret.namespace}/${secret.name}`;
          const owner = owners.get(key);
          if (owner === undefined) {
            owners.set(key, label);
          } else if (owner !== label) {
            findings.push({
              resource: gateway,
              path: `${path}.${field}`,
              found: credential,
              expected: `a secret not already used by ${owner}`,
              fix: "Issue a separate Certificate for this Gateway.",
            });
          }
        }
      }
    }
    return findings;
  },
});
