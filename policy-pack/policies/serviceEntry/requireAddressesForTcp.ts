import { defineStackPolicy, StackFinding } from "../../lib/definePolicy";
import { meshConfigSourceKinds, meshSettingsOf } from "../../lib/meshConfig";
import { asArray, asRecord, asString, isSet } from "../../lib/values";

/**
 * Whether the proxies' DNS proxy allocates addresses to ServiceEntries: DNS capture on, with
 * `ISTIO_META_DNS_AUTO_ALLOCATE` or `PILOT_ENABLE_IP_AUTOALLOCATE` in `defaultConfig.proxyMetadata`.
 */
function addressesAllocated(meshConfig: Record<string, unknown>): boolean {
  const metadata = asRecord(asRecord(meshConfig.defaultConfig).proxyMetadata);
  return metadata.ISTIO_META_DNS_CAPTURE === "true" && (metadata.ISTIO_META_DNS_AUTO_ALLOCATE === "true" || metadata.PILOT_ENABLE_IP_AUTOALLOCATE === "true");
}

/** A TCP ServiceEntry has addresses to match on (istioctl IST0134). */
export const requireAddressesForTcp = defineStackPolicy({
  name: "istio-serviceentry-require-addresses-for-tcp",
  description:
    "A ServiceEntry with a TCP port (or one without protocol) needs `addresses`: TCP traffic carries no host name, " +
    "so the sidecar matches it by destination IP, and without addresses it listens on 0.0.0.0 for that port and " +
    "captures every other service's traffic on it (istioctl IST0134). Set addresses, or enable DNS capture with " +
    "address auto-allocation in meshConfig.defaultConfig.proxyMetadata.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["ServiceEntry", ...meshConfigSourceKinds],
  check: (inventory) => {
    if (addressesAllocated(meshSettingsOf(inventory).meshConfig)) return [];
    return inventory.of("ServiceEntry").flatMap((entry) => {
      if (isSet(entry.spec.addresses)) return [];
      return asArray(entry.spec.ports).flatMap((port, i): StackFinding[] => {
        const protocol = asString(asRecord(port).protocol) ?? "";
        return protocol === "" || protocol.toUpperCase() === "TCP"
          ? [{ resource: entry, path: "spec.addresses", found: undefined, expected: `addresses for TCP port spec.ports[${i}]`, fix: "Set spec.addresses, or let the DNS proxy allocate them." }]
          : [];
      });
    });
  },
});
