import { defineResourcePolicy } from "../../lib/definePolicy";
import { isDnsName } from "../../lib/hosts";
import { asArray } from "../../lib/values";

/** Property 19 (hosts): ServiceEntry hosts are DNS names; IP addresses belong in `addresses`. */
export const requireDnsHosts = defineResourcePolicy({
  name: "istio-serviceentry-require-dns-hosts",
  description:
    "Each ServiceEntry host must be a DNS name, optionally with a leading `*.` (property 19). Put IP " +
    "addresses and CIDRs in `addresses`, and do not use a bare `*`.",
  enforcementLevel: "mandatory",
  severity: "medium",
  kinds: ["ServiceEntry"],
  check: (serviceEntry) =>
    asArray(serviceEntry.spec.hosts)
      .map((host, i) => ({ host, path: `spec.hosts[${i}]` }))
      .filter(({ host }) => typeof host !== "string" || !isDnsName(host))
      .map(({ host, path }) => ({
        path,
        found: host,
        expected: "a DNS name such as api.example.com or *.example.com",
        fix: "Use a DNS name here and move IP addresses to spec.addresses.",
      })),
});
