import { createHash } from "crypto";

/**
 * How a Gateway host maps to the TLS Secret its HTTPS server names in `credentialName`, and that the
 * cert-manager Certificate for the host writes (`secretName`). The ingress Gateways (mesh) and the Certificates
 * (cert-manager) both call this one function, so the two names cannot drift apart.
 */

/** Kubernetes object names (Secrets, Certificates) are DNS-1123 subdomains of at most this many characters. */
export const maxObjectNameLength = 253;

const suffix = "-tls";

/**
 * `api.example.com` → `api-example-com-tls`; `*.example.com` → `wildcard-example-com-tls`. Lowercase letters,
 * digits and `-` only; a name that would exceed 253 characters is cut and ends in a hash of the host instead.
 */
export function gatewayCredentialName(host: string): string {
  const normalized = host.trim().toLowerCase().replace(/^\*\./, "wildcard.");
  const body = normalized
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const name = `${body === "" ? "host" : body}${suffix}`;
  if (name.length <= maxObjectNameLength) return name;
  const hash = createHash("sha256").update(normalized).digest("hex").slice(0, 10);
  const room = maxObjectNameLength - suffix.length - hash.length - 1;
  return `${body.slice(0, room).replace(/-+$/, "")}-${hash}${suffix}`;
}
