import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { credentialNameOf, servers, terminatesTls } from "../../lib/gateway";
import { gatewayWorkloadResolver } from "../../lib/gatewayWorkloads";
import { asString } from "../../lib/values";

/** Property 9 (second half): the secret a Gateway serves is written by a cert-manager Certificate. */
export const requireCertificate = defineStackPolicy({
  name: "istio-gateway-require-certificate",
  description:
    "Each TLS `credentialName` of a Gateway must be the `secretName` of a cert-manager Certificate in the gateway " +
    "workload's namespace (the namespace of the gateway Helm release whose labels match the selector) (seed " +
    "property 9). Create the Certificate there, or fix the credentialName.",
  enforcementLevel: "mandatory",
  severity: "critical",
  kinds: ["Gateway", "Certificate", "HelmRelease"],
  check: (inventory) => {
    const secrets = new Set(
      inventory.of("Certificate").map((certificate) => `${certificate.namespace}/${asString(certificate.spec.secretName) ?? ""}`),
    );
    const workloads = gatewayWorkloadResolver(inventory.of("HelmRelease"));
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("Gateway")) {
      const workloadNamespace = workloads.namespaceOf(gateway) ?? gateway.namespace;
      for (const { path, value: server } of servers(gateway.spec).filter(({ value }) => terminatesTls(value))) {
        const credential = credentialNameOf(server);
        if (credential && !secrets.has(`${workloadNamespace}/${credential}`)) {
          findings.push({
            resource: gateway,
            path: `${path}.tls.credentialName`,
            found: credential,
            expected: `a cert-manager Certificate in namespace ${workloadNamespace} with secretName ${credential}`,
            fix: `Add a Certificate in ${workloadNamespace} that writes secret ${credential}.`,
          });
        }
      }
    }
    return findings;
  },
});
