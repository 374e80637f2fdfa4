import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { serverHosts, serverPort, serverProtocol, servers } from "../../lib/gateway";
import { gatewayWorkloadResolver } from "../../lib/gatewayWorkloads";
import { asRecord, asString } from "../../lib/values";

/** Protocols in which a server receives TLS: anything else takes the mesh's traffic in plain text. */
const tlsProtocols = ["HTTPS", "TLS"];

/**
 * The hop from the sidecars to an egress gateway is not covered by auto-mTLS (gateway pods carry no
 * `security.istio.io/tlsMode` label), so an egress gateway server must itself require Istio mTLS.
 */
export const forbidPlaintextEgress = defineStackPolicy({
  name: "istio-gateway-forbid-plaintext-egress",
  description:
    "A Gateway selecting an egress gateway workload (the gateway release whose pods its selector matches, or its " +
    "selector itself, names an egress gateway in the `istio` or `app` label) must not accept the mesh's traffic in " +
    "plain text: every server is HTTPS or TLS. Auto-mTLS leaves the sidecar to egress gateway hop alone, so an HTTP " +
    "or TCP server carries credentials in clear and never learns the caller's identity. TLS PASSTHROUGH servers " +
    "(the application's own TLS) are allowed. Make the server HTTPS with `tls.mode` ISTIO_MUTUAL and add a " +
    "DestinationRule for the egress gateway's service with ISTIO_MUTUAL and `sni` = the external host.",
  enforcementLevel: "mandatory",
  severity: "critical",
  kinds: ["Gateway", "HelmRelease"],
  check: (inventory) => {
    const workloads = gatewayWorkloadResolver(inventory.of("HelmRelease"));
    const findings: StackFinding[] = [];
    for (const gateway of inventory.of("Gateway").filter((candidate) => workloads.isEgress(candidate))) {
      for (const { path, value: server } of servers(gateway.spec)) {
        const protocol = serverProtocol(server);
        if (tlsProtocols.includes(protocol)) {
          continue;
        }
        const name = asString(asRecord(server.port).name) ?? "";
        const described = `server ${JSON.stringify(name)} (port ${serverPort(server) ?? "?"}, hosts ${serverHosts(server).join(", ")})`;
        findings.push({
          resource: gateway,
          path: `${path}.port.protocol`,
          found: protocol || undefined,
          expected: "HTTPS with tls.mode ISTIO_MUTUAL, or TLS (ISTIO_MUTUAL, or PASSTHROUGH for the application's own TLS)",
          fix:
            `The ${described} takes the mesh's traffic in plain text: set its port.protocol to HTTPS and tls.mode to ISTIO_MUTUAL, and route ` +
            "the sidecars through a DestinationRule for the egress gateway's service that sets ISTIO_MUTUAL with sni = the external host.",
        });
      }
    }
    return findings;
  },
});
