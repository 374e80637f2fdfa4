import { defineResourcePolicy } from "../../lib/definePolicy";
import { Finding } from "../../lib/messages";
import { istioProtocols, ports } from "../../lib/serviceEntry";
import { asString, isSet } from "../../lib/values";

function isPortNumber(value: unknown): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Property 19 (ports): numbers in range and unique, names unique, protocols Istio understands. */
export const requireValidPorts = defineResourcePolicy({
  name: "istio-serviceentry-require-valid-ports",
  description:
    "ServiceEntry ports must have numbers in 1–65535, unique numbers and names, and a protocol Istio knows " +
    `(${istioProtocols.join(", ")}) (property 19). Fix or remove the named port.`,
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["ServiceEntry"],
  check: (serviceEntry) => {
    const findings: Finding[] = [];
    const seenNumbers = new Set<unknown>();
    const seenNames = new Set<string>();
    for (const { path, value: port } of ports(serviceEntry.spec)) {
      if (!isPortNumber(port.number)) {
        findings.push({ path: `${path}.number`, found: port.number, expected: "an integer from 1 to 65535", fix: "Set a valid port number." });
      } else if (seenNumbers.has(port.number)) {
        findings.push({ path: `${path}.number`, found: port.number, expected: "a number no other port uses", fix: "Remove the duplicate port." });
      }
      seenNumbers.add(port.number);
      const name = asString(port.name);
      if (name !== undefined && seenNames.has(name)) {
        findings.push({ path: `${path}.name`, found: name, expected: "a name no other port uses", fix: "Give each port its own name." });
      }
      if (name !== undefined) {
        seenNames.add(name);
      }
      if (isSet(port.protocol) && !istioProtocols.includes(String(port.protocol).toUpperCase())) {
        findings.push({ path: `${path}.protocol`, found: port.protocol, expected: `one of ${istioProtocols.join(", ")}`, fix: "Use a protocol Istio supports." });
      }
    }
    return findings;
  },
});
