import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { credentialNamesOf, credentialSecret, servers } from "../../lib/gateway";
import { gatewayWorkloadResolver } from "../../lib/gatewayWorkloads";
import { describeResource, MeshResource } from "../../lib/meshResource";
import { asRecord, asString, asStringMap } from "../../lib/values";
import { labelsMatch } from "../../lib/workloads";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";

/**
 * The certificates a Gateway's servers present: the secrets they name (resolved as the proxy reads them: `name` in
 * the workload's namespace, `ns/name`, `kubernetes://…`), or the certificate and key file pair.
 */
function certificatesOf(gateway: MeshResource, workloadNamespace: string): Array<{ path: string; certificate: string }> {
  return servers(gateway.spec).flatMap(({ path, value: server }) => {
    const tls = asRecord(server.tls);
    const files = asString(tls.serverCertificate) && asString(tls.privateKey) ? [{ path: `${path}.tls.serverCertificate`, certificate: `file:${String(tls.serverCertificate)}|${String(tls.privateKey)}` }] : [];
    const secrets = credentialNamesOf(server).flatMap(({ path: field, value }) => {
      const secret = credentialSecret(value, workloadNamespace);
      return secret ? [{ path: `${path}.${field}`, certificate: `secret:${secret.namespace}/${secret.name}` }] : [];
    });
    return [...secrets, ...files];
  });
}

/**
 * One certificate per Gateway on a gateway workload (istioctl IST0138): a Gateway whose selector is contained in
 * another's must not present the same certificate, or clients that reuse HTTP/2 connections get 404s.
 */
export const forbidSharedCredential = defineStackPolicy({
  name: "istio-gateway-forbid-shared-credential",
  description:
    "Gateways on the same gateway pods (one's selector contained in the other's) must not present the same " +
    "certificate (`credentialName`/`credentialNames`, or `serverCertificate` and `privateKey`): browsers reuse an " +
    "HTTP/2 connection for every host of a certificate and get 404s from the other Gateway's hosts (istioctl IST0138). " +
    "Give each Gateway its own Certificate.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["Gateway", ...workloadIndexKinds],
  check: (inventory) => {
    const workloads = gatewayWorkloadResolver(inventory.of("HelmRelease"));
    const pods = workloadIndex(inventory);
    const workloadNamespace = (gateway: MeshResource) =>
      workloads.namespaceOf(gateway) ?? pods.matching(asStringMap(gateway.spec.selector))[0]?.namespace ?? gateway.namespace;
    const byCertificate = new Map<string, Array<{ gateway: MeshResource; path: string }>>();
    for (const gateway of inventory.of("Gateway")) {
      for (const { path, certificate } of certificatesOf(gateway, workloadNamespace(gateway))) {
        byCertificate.set(certificate, [...(byCertificate.get(certificate) ?? []), { gateway, path }]);
      }
    }
    const findings = new Map<string, StackFinding>();
    for (const [certificate, users] of byCertificate) {
      for (const user of users) {
        const selector = asStringMap(user.gateway.spec.selector);
        const others = users.filter((other) => other.gateway !== user.gateway && labelsMatch(selector, asStringMap(other.gateway.spec.selector)));
        if (others.length === 0) continue;
        findings.set(`${user.gateway.urn}|${user.path}`, {
          resource: user.gateway,
          path: user.path,
          found: certificate.replace(/^(secret|file):/, ""),
          expected: `a certificate no other Gateway of these pods presents (${[...new Set(others.map((other) => describeResource(other.gateway)))].join(", ")} too)`,
          fix: "Issue a separate Certificate for this Gateway.",
        });
      }
    }
    return [...findings.values()];
  },
});
