import { defineResourcePolicy } from "../../lib/definePolicy";
import { listenerName, listeners } from "../../lib/gatewayApi";
import type { Finding } from "../../lib/messages";
import { asString } from "../../lib/values";

/** Protocols that may share a port: both terminate TLS and pick the listener by SNI. */
const tlsProtocols = new Set(["HTTPS", "TLS"]);

/** Listeners of one Gateway must not conflict (the spec's `Conflicted` condition; Istio then drops them). */
export const forbidConflictingListeners = defineResourcePolicy({
  name: "istio-k8sgateway-forbid-conflicting-listeners",
  description:
    "No two listeners of a Gateway (gateway.networking.k8s.io) may share port, protocol and hostname, and listeners on one port " +
    "must speak compatible protocols (HTTPS and TLS may share a port; HTTP may not share it with either): conflicting listeners are " +
    "not programmed. Give each listener its own hostname or port.",
  enforcementLevel: "mandatory",
  severity: "high",
  kinds: ["GatewayApiGateway"],
  check: (gateway) => {
    const findings: Finding[] = [];
    const all = listeners(gateway);
    all.forEach(({ path, value: listener }, i) => {
      const earlier = all.slice(0, i);
      const port = listener.port;
      const protocol = asString(listener.protocol);
      const hostname = asString(listener.hostname) ?? "";
      const same = earlier.find(({ value }) => value.port === port && asString(value.protocol) === protocol && (asString(value.hostname) ?? "") === hostname);
      const clash = earlier.find(({ value }) => value.port === port && asString(value.protocol) !== protocol && !(tlsProtocols.has(asString(value.protocol) ?? "") && tlsProtocols.has(protocol ?? "")));
      if (same) {
        findings.push({ path, found: `${listenerName(listener)}: ${protocol} ${port} ${hostname || "(any hostname)"}`, expected: `a port, protocol and hostname no other listener has (listener ${listenerName(same.value)} has them)`, fix: "Change the hostname or port of one of them." });
      } else if (clash) {
        findings.push({ path: `${path}.protocol`, found: protocol, expected: `the protocol of listener ${listenerName(clash.value)} on port ${String(port)} (${asString(clash.value.protocol)}), or another port`, fix: "Move one of the listeners to another port." });
      }
    });
    return findings;
  },
});
