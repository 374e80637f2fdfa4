import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { credentialNamesOf, credentialSecret, servers, terminatesTls, usesWorkloadCertificate } from "../../lib/gateway";
import { gatewayWorkloadResolver } from "../../lib/gatewayWorkloads";
import { workloadIndex, workloadIndexKinds } from "../../lib/selectedWorkloads";
import { asString, asStringMap } from "../../lib/values";

/** Property 9 (second half): the secret a Gateway serves is written by a cert-manager Certificate; ISTIO_MUTUAL servers name none. */
export const requireCertificate = defineStackPolicy({
  name: "istio-gateway-require-certificate",
  description:
    "Each TLS `credentialName` (or `credentialNames` entry) of a Gateway must be the `secretName` of a cert-manager " +
    "Certificate, or a Secret the stack declares, in the gateway workload's namespace (the namespace of the gateway " +
    "Helm release, else of the declared pods, whose labels match the selector; a `namespace/name` or " +
    "`kubernetes://namespace/name` credential names its namespace; when no workload of the stack matches, a " +
    "Certificate for that secret in any namespace) (property 9, istioctl IST0101). A server with " +
    "`tls.mode` ISTIO_MUTUAL uses workload certificates and is not checked here. Create the Certificate there, or " +
    "fix the credentialName.",
  enforcementLevel: "mandatory",
  severity: "critical",
  kinds: ["Gateway", "Certificate", "Secret", ...workloadIndexKinds],
  check: (inventory) => {
    const secrets = new Set<string>();
    const secretNames = new Set<string>();
    for (const certificate of inventory.of("Certificate")) {
      const secretName = asString(certificate.spec.secretName) ?? "";
      secrets.add(`${certificate.namespace}/${secretName}`);
      secretNames.add(secretName);
    }
    for (const secret of inventory.of("Secret")) {
      secrets.add(`${secret.namespace}/${secret.name}`);
      secretNames.add(secret.name);
    }
    const workloads = gatewayWorkloadResolver(inventory.of("HelmRelease"));
    const pods = workloadIndex(inventory);
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("Gateway")) {
      const resolved = workloads.namespaceOf(gateway) ?? pods.matching(asStringMap(gateway.spec.selector))[0]?.namespace;
      const workloadNamespace = resolved ?? gateway.namespace;
      for (const { path, value: server } of servers(gateway.spec).filter(({ value }) => terminatesTls(value) && !usesWorkloadCertificate(value))) {
        for (const { path: field, value: credential } of credentialNamesOf(server)) {
          const secret = credentialSecret(credential, workloadNamespace);
          // The workload's namespace is unknown when no release matches: any Certificate writing the secret will do.
          const namespaceKnown = resolved !== undefined || credential.includes("/");
          if (!secret || secrets.has(`${secret.namespace}/${secret.name}`) || (!namespaceKnown && secretNames.has(secret.name))) {
            continue;
          }
          findings.push({
            resource: gateway,
            path: `${path}.${field}`,
            found: credential,
            expected: namespaceKnown
              ? `a cert-manager Certificate in namespace ${secret.namespace} with secretName ${secret.name}`
              : `a cert-manager Certificate with secretName ${secret.name} (no gateway release in the stack matches the selector; ` +
                `${secret.namespace} assumed)`,
            fix: `Add a Certificate in ${secret.namespace} that writes secret ${secret.name}.`,
          });
        }
      }
    }
    return findings;
  },
});
