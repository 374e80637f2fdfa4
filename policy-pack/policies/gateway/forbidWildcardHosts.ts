import { defineResourcePolicy } from "../../lib/definePolicy";
import { servers, serverHosts } from "../../lib/gateway";
import { splitGatewayHost } from "../../lib/hosts";

interface WildcardHostsConfig {
  /** Whether a server may accept any host (`*`). */
  readonly allowWildcardHosts: boolean;
}

/** Exposure control: a Gateway names the hosts it serves instead of accepting any. */
export const forbidWildcardHosts = defineResourcePolicy<WildcardHostsConfig>({
  name: "istio-gateway-forbid-wildcard-hosts",
  description:
    "Where `allowWildcardHosts` is false (prod), a Gateway server must not accept every host (`*` or `ns/*`): it " +
    "would route any Host header to the mesh. List the exact host names (or a `*.domain` wildcard).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      allowWildcardHosts: { type: "boolean", default: true, description: "Allow `*` as a Gateway server host." },
    },
  },
  kinds: ["Gateway"],
  check: (gateway, config) => {
    if (config.allowWildcardHosts) {
      return [];
    }
    return servers(gateway.spec).flatMap(({ path, value }) =>
      serverHosts(value)
        .map((entry, i) => ({ entry, path: `${path}.hosts[${i}]` }))
        .filter(({ entry }) => splitGatewayHost(entry).host === "*")
        .map(({ entry, path: hostPath }) => ({
          path: hostPath,
          found: entry,
          expected: "an explicit host name such as shop.example.com",
          fix: "Replace the `*` host with the host names this gateway serves.",
        })),
    );
  },
});
