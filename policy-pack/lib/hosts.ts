/** Host-name rules shared by the VirtualService, Gateway, DestinationRule and ServiceEntry policies. */

const defaultDomainSuffix = "svc.cluster.local";

/**
 * Istio's short-name resolution: a host without a dot is a Service in the resource's namespace
 * (`reviews` in `shop` → `reviews.shop.svc.cluster.local`); anything else is taken as written.
 */
export function qualifyHost(host: string, namespace: string): string {
  if (host === "*" || host.includes(".") || host.includes(":")) {
    return host;
  }
  return `${host}.${namespace}.${defaultDomainSuffix}`;
}

/** True for hosts served inside the mesh (Kubernetes Services). */
export function isInMeshHost(qualifiedHost: string): boolean {
  return qualifiedHost.endsWith(`.${defaultDomainSuffix}`);
}

export function isWildcardHost(host: string): boolean {
  return host.startsWith("*");
}

/**
 * Whether a pattern host (`*`, `*.example.com` or an exact name) covers a host. A wildcard host is covered
 * only by an equal or broader wildcard.
 */
export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === "*" || pattern === host) {
    return true;
  }
  if (!pattern.startsWith("*.")) {
    return false;
  }
  return host.endsWith(pattern.slice(1));
}

/**
 * Istio's `host.Name.Matches`: two hosts match when they are equal or when a wildcard of either covers the other
 * (`*.example.com` and `shop.example.com`, `*` and anything, `*.com` and `*.example.com`).
 */
export function hostsMatch(a: string, b: string): boolean {
  return hostCovers(a, b) || hostCovers(b, a);
}

/**
 * The wildcard patterns that would cover a host, broadest last: `a.b.c` → `*.b.c`, `*.c`, `*`.
 * Lets indexed lookups replace pairwise host comparisons.
 */
export function coveringWildcards(host: string): string[] {
  const labels = host.replace(/^\*\./, "").split(".");
  const patterns = labels.slice(1).map((_, i) => `*.${labels.slice(i + 1).join(".")}`);
  return [...patterns, "*"];
}

const dnsLabel = "[a-zA-Z0-9](?:[-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?";
const dnsNamePattern = new RegExp(`^(?:\\*\\.)?${dnsLabel}(?:\\.${dnsLabel})*$`);
const ipv4Pattern = /^\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?$/;

/** A DNS name, optionally with a leading `*.`; IP addresses are not DNS names. */
export function isDnsName(host: string): boolean {
  return host.length <= 253 && dnsNamePattern.test(host) && !ipv4Pattern.test(host) && !host.includes(":");
}

/** Splits a Gateway host `namespace/dnsName` (namespace defaults to `*`: any namespace). */
export function splitGatewayHost(entry: string): { namespace: string; host: string } {
  const slash = entry.indexOf("/");
  return slash < 0 ? { namespace: "*", host: entry } : { namespace: entry.slice(0, slash), host: entry.slice(slash + 1) };
}
