import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { certificateRefs, listenerName, listeners, terminatesTls } from "../../lib/gatewayApi";
import { asString } from "../../lib/values";

/** Property 9 for the Gateway API: every TLS-terminating listener serves a Secret that cert-manager writes next to the Gateway. */
export const requireCertificate = defineStackPolicy({
  name: "istio-k8sgateway-require-certificate",
  description:
    "Every HTTPS (and TLS Terminate) listener of a Gateway (gateway.networking.k8s.io) must reference, in `tls.certificateRefs`, a " +
    "Secret in the Gateway's namespace that a cert-manager Certificate of the stack writes (`spec.secretName`); otherwise the listener " +
    "has no certificate after the first deploy and clients fail the handshake (property 9). Add a Certificate in the Gateway's " +
    "namespace with that secretName.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["GatewayApiGateway", "Certificate"],
  check: (inventory) => {
    const written = new Set(inventory.of("Certificate").map((certificate) => `${certificate.namespace}/${asString(certificate.spec.secretName) ?? ""}`));
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("GatewayApiGateway")) {
      for (const listener of listeners(gateway).filter(({ value }) => terminatesTls(value))) {
        const refs = certificateRefs(gateway, listener);
        if (refs.length === 0) {
          findings.push({ resource: gateway, path: `${listener.path}.tls.certificateRefs`, found: undefined, expected: `a Secret for listener ${listenerName(listener.value)}`, fix: "Reference the Secret a Certificate writes." });
        }
        for (const { path, value: ref } of refs) {
          if (ref.group !== "" || ref.kind !== "Secret" || ref.namespace !== gateway.namespace) {
            findings.push({ resource: gateway, path, found: `${ref.kind} ${ref.namespace}/${ref.name}`, expected: `a Secret in the Gateway's namespace ${gateway.namespace}`, fix: "Write the certificate into the Gateway's namespace." });
          } else if (!written.has(`${ref.namespace}/${ref.name}`)) {
            findings.push({ resource: gateway, path: `${path}.name`, found: ref.name, expected: `a Secret a cert-manager Certificate in ${gateway.namespace} writes (none has secretName ${ref.name})`, fix: "Add a Certificate with that secretName in the Gateway's namespace." });
          }
        }
      }
    }
    return findings;
  },
});
