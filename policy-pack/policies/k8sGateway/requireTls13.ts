import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { listenerName, listeners, terminatesTls } from "../../lib/gatewayApi";
import { isIstiodRelease, meshConfigOf } from "../../lib/helmReleases";
import { at } from "../../lib/values";
import { requiredTlsVersion } from "../gateway/requireTls13";

/**
 * Property 4 for the Gateway API: a listener has no minimum-TLS-version field (Istio ignores listener TLS options
 * for it), so the mesh-wide `meshConfig.tlsDefaults.minProtocolVersion`, which Istio applies to every terminating
 * gateway server, must be TLS 1.3.
 */
export const requireTls13 = defineStackPolicy({
  name: "istio-k8sgateway-require-tls13",
  description:
    "A Gateway (gateway.networking.k8s.io) of class `istio` with a TLS-terminating listener needs istiod's " +
    `\`meshConfig.tlsDefaults.minProtocolVersion\` set to ${requiredTlsVersion}: the Gateway API has no per-listener minimum and ` +
    "Istio otherwise accepts TLS 1.2 (seed property 4). Set tlsDefaults.minProtocolVersion in istiod's meshConfig.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["GatewayApiGateway", "HelmRelease"],
  check: (inventory) => {
    const versions = inventory.of("HelmRelease").filter(isIstiodRelease).map((release) => at(meshConfigOf(release), "tlsDefaults", "minProtocolVersion"));
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("GatewayApiGateway")) {
      if (gateway.spec.gatewayClassName !== "istio") continue;
      const terminating = listeners(gateway).find(({ value }) => terminatesTls(value));
      const weak = versions.length === 0 ? [undefined] : versions.filter((version) => version !== requiredTlsVersion);
      if (terminating && weak.length > 0) {
        findings.push({
          resource: gateway,
          path: `${terminating.path}.tls`,
          found: `listener ${listenerName(terminating.value)} with istiod tlsDefaults.minProtocolVersion ${String(weak[0] ?? "(not set)")}`,
          expected: `istiod's meshConfig.tlsDefaults.minProtocolVersion ${requiredTlsVersion}`,
          fix: `Set meshConfig.tlsDefaults.minProtocolVersion: ${requiredTlsVersion} on istiod (mesh.ingress.minProtocolVersion).`,
        });
      }
    }
    return findings;
  },
});
