import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { listenerName, listeners, terminatesTls } from "../../lib/gatewayApi";
import { isIstiodRelease, meshConfigOf } from "../../lib/helmReleases";
import { at } from "../../lib/values";
import { requiredTlsVersion } from "../gateway/requireTls13";

/**
 * Property 4 for the Gateway API: a listener has no minimum-TLS-version field (Istio ignores listener TLS options
 * for it), so the minimum is the mesh-wide `meshConfig.tlsDefaults.minProtocolVersion`, which Istio applies to every
 * terminating gateway server: where set, it is TLS 1.3 (unset, Envoy accepts TLS 1.2 and 1.3, as on an Istio Gateway
 * server without a minimum).
 */
export const requireTls13 = defineStackPolicy({
  name: "istio-k8sgateway-require-tls13",
  description:
    "A Gateway (gateway.networking.k8s.io) of class `istio` with a TLS-terminating listener needs istiod's " +
    `\`meshConfig.tlsDefaults.minProtocolVersion\`, where set, to be ${requiredTlsVersion}: the Gateway API has no per-listener minimum, so ` +
    "that mesh-wide one is the listeners' (property 4). Set it to TLSV1_3, or leave it unset to accept TLS 1.2 and 1.3.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["GatewayApiGateway", "HelmRelease"],
  check: (inventory) => {
    const versions = inventory.of("HelmRelease").filter(isIstiodRelease).map((release) => at(meshConfigOf(release), "tlsDefaults", "minProtocolVersion"));
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("GatewayApiGateway")) {
      if (gateway.spec.gatewayClassName !== "istio") continue;
      const terminating = listeners(gateway).find(({ value }) => terminatesTls(value));
      const weak = versions.filter((version) => version !== undefined && version !== requiredTlsVersion);
      if (terminating && weak.length > 0) {
        findings.push({
          resource: gateway,
          path: `${terminating.path}.tls`,
          found: `listener ${listenerName(terminating.value)} with istiod tlsDefaults.minProtocolVersion ${String(weak[0])}`,
          expected: `istiod's meshConfig.tlsDefaults.minProtocolVersion ${requiredTlsVersion}`,
          fix: `Set meshConfig.tlsDefaults.minProtocolVersion: ${requiredTlsVersion} on istiod (mesh.ingress.minProtocolVersion).`,
        });
      }
    }
    return findings;
  },
});
