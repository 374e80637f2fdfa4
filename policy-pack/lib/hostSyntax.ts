/**
 * The host syntax istiod's validating webhook enforces (pkg/config/validation/agent): RFC 1123 labels, a `*` only
 * as a whole first label or its prefix (`*`, `*.example.com`, `*-api.example.com`), no all-numeric top-level domain,
 * `namespace/host` entries in Gateways and Sidecars, IP addresses where istiod accepts them. Each function returns
 * what is wrong, or undefined.
 */
const label = "[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?";
const labelPattern = new RegExp(`^${label}$`);
const wildcardLabelPattern = new RegExp(`^(\\*|(\\*|\\*-)?${label})$`);

const isLabel = (value: string) => value.length <= 63 && labelPattern.test(value);
const isWildcardLabel = (value: string) => value.length <= 63 && wildcardLabelPattern.test(value);

/** Go's netip.ParseAddr: an IPv4 dotted quad without leading zeros, or an IPv6 address (with an optional zone). */
export function isIpAddress(text: string): boolean {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return text.split(".").every((octet) => Number(octet) <= 255 && !(octet.length > 1 && octet.startsWith("0")));
  if (!text.includes(":")) return false;
  const [address] = text.split("%");
  if (!/^[0-9a-fA-F:.]+$/.test(address) || (address.match(/::/g) ?? []).length > 1) return false;
  const groups = address.split(":");
  const tail = groups[groups.length - 1];
  const embeddedV4 = tail.includes(".") ? (isIpAddress(tail) ? 2 : -100) : 0;
  const hexGroups = groups.slice(0, embeddedV4 > 0 ? -1 : undefined).filter((group) => group !== "");
  if (embeddedV4 < 0 || hexGroups.some((group) => group.length > 4)) return false;
  return address.includes("::") ? hexGroups.length + embeddedV4 <= 7 : hexGroups.length + embeddedV4 === 8;
}

function dns1123Preconditions(name: string): string | undefined {
  if (name.length > 255) return "a domain name of at most 255 characters";
  if (name.length === 0) return "a non-empty domain name";
  return undefined;
}

function dns1123Labels(domain: string): string | undefined {
  const parts = domain.split(".");
  if (/^[+-]?\d+$/.test(parts[parts.length - 1])) return "a domain whose top-level label is not all-numeric";
  for (let i = 0; i < parts.length; i++) {
    if (i === parts.length - 1 && parts[i] === "") return undefined;
    if (!isLabel(parts[i])) return `RFC 1123 labels (${JSON.stringify(parts[i])} is not one)`;
  }
  return undefined;
}

/** agent.ValidateWildcardDomain: a `*`-prefixed first label at most, RFC 1123 labels after it. */
export function wildcardDomainProblem(domain: string): string | undefined {
  const precondition = dns1123Preconditions(domain);
  if (precondition) return precondition;
  const dot = domain.indexOf(".");
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (!isWildcardLabel(first)) return `a host whose first label is a name or a leading * (${JSON.stringify(first)} is not)`;
  return dot < 0 ? undefined : dns1123Labels(domain.slice(dot + 1));
}

/** agent.ValidatePartialWildCard: `*` alone or as the `*.` prefix. */
export function partialWildcardProblem(host: string): string | undefined {
  return host.includes("*") && host.length !== 1 && !host.startsWith("*.") ? "a * only as the whole host or as its *. prefix" : undefined;
}

function hostnamePartProblem(hostname: string, isGateway: boolean): string | undefined {
  if (hostname !== "*" && !hostname.includes(".")) return "a fully qualified name (short names are not allowed here)";
  const domain = wildcardDomainProblem(hostname);
  if (domain && (!isGateway || !isIpAddress(hostname))) return domain;
  return partialWildcardProblem(hostname);
}

/** agent.ValidateNamespaceSlashWildcardHostname for a Gateway server host (`[ns/]host`) or a Sidecar egress host (`ns/host`). */
export function namespacedHostProblem(entry: string, isGateway: boolean): string | undefined {
  const slash = entry.indexOf("/");
  if (slash < 0) return isGateway ? hostnamePartProblem(entry, true) : "a host of the form namespace/dnsName";
  const namespace = entry.slice(0, slash);
  const host = entry.slice(slash + 1);
  if (namespace === "" || host === "") return "a namespace and a dnsName, neither empty";
  const allowed = isGateway ? ["*", "."] : ["*", ".", "~"];
  if (!allowed.includes(namespace) && !isLabel(namespace)) return `a namespace that is ${allowed.join(", ")} or a DNS label (${JSON.stringify(namespace)} is not)`;
  return hostnamePartProblem(host, isGateway);
}
