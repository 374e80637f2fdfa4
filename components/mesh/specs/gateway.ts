import type { IngressSettings } from "../../../settings/mesh";
import { gatewayCredentialName } from "../../../settings/certificateNames";
import { ingressGateway } from "../../names";
import { compact, gatewayReference, type IstioObject, type Spec } from "./common";

/** The path cert-manager's ACME HTTP-01 solver answers on; the HTTPS redirect leaves it alone. */
export const acmeChallengePrefix = "/.well-known/acme-challenge/";

/** RE2 takes a backslash before punctuation as the literal; letters, digits and `_` stand for themselves. */
function escapeLiteral(character: string): string {
  return /[A-Za-z0-9_]/.test(character) ? character : `\\${character}`;
}

/**
 * An RE2 regex (Envoy matches it against the whole path) for every path that does NOT start with `prefix`:
 * a path that stops inside the prefix, or leaves it at some character. RE2 has no lookahead, hence the nesting.
 */
export function notPrefixRegex(prefix: string): string {
  let tail = "";
  for (let i = prefix.length - 1; i >= 0; i--) {
    const character = escapeLiteral(prefix[i]);
    const onward = i === prefix.length - 1 ? "" : `|${character}${tail}`;
    tail = `(?:[^${character}].*${onward})?`;
  }
  return tail;
}

/** Server port names (and Gateway API listener names) must be unique in a Gateway: `https-` and the host's secret name. */
export function httpsPortName(host: string): string {
  return `https-${gatewayCredentialName(host).replace(/-tls$/, "")}`;
}

/**
 * The ingress Gateway: one HTTPS server per host (its own certificate secret, TLS 1.3 as the minimum where configured) and one
 * HTTP server for all hosts that redirects to HTTPS, unless the ACME HTTP-01 solver needs port 80: then a
 * VirtualService (httpRedirectVirtualServiceSpec) redirects every other path.
 */
export function ingressGatewaySpec(ingress: IngressSettings): Spec {
  const redirectOnServer = ingress.httpsRedirect && !ingress.acmeHttp01;
  return {
    selector: { ...ingressGateway.selector },
    servers: [
      ...ingress.hosts.map((host) => ({
        port: { number: 443, name: httpsPortName(host), protocol: "HTTPS" },
        hosts: [host],
        tls: compact({ mode: "SIMPLE", credentialName: gatewayCredentialName(host), minProtocolVersion: ingress.minProtocolVersion }),
      })),
      { port: { number: 80, name: "http", protocol: "HTTP" }, hosts: [...ingress.hosts], ...(redirectOnServer ? { tls: { httpsRedirect: true } } : {}) },
    ],
  };
}

/** With HTTP-01: redirects port 80 to HTTPS for every path but the ACME challenge's. Undefined when not needed. */
export function httpRedirectVirtualServiceSpec(ingress: IngressSettings, gateway: string): Spec | undefined {
  if (!ingress.httpsRedirect || !ingress.acmeHttp01 || ingress.hosts.length === 0) return undefined;
  return {
    hosts: [...ingress.hosts],
    gateways: [gateway],
    http: [
      {
        name: "https-redirect",
        match: [{ port: 80, uri: { regex: notPrefixRegex(acmeChallengePrefix) } }],
        redirect: { scheme: "https", derivePort: "FROM_PROTOCOL_DEFAULT", redirectCode: 301 },
      },
    ],
  };
}

/** `metadata.name` of the ingress Gateway resource; VirtualServices bind to it as `istio-ingress/ingress`. */
export const ingressGatewayResourceName = "ingress";

export interface MeshIngressObjects {
  readonly gateway: IstioObject;
  readonly redirect?: IstioObject;
  /** How VirtualServices name the Gateway: `<namespace>/<name>`. */
  readonly reference: string;
}

/** The ingress Gateway in the gateway workload's namespace and, with HTTP-01, the redirect VirtualService. */
export function meshIngressObjects(ingress: IngressSettings): MeshIngressObjects {
  const namespace = ingressGateway.namespace;
  const reference = gatewayReference(namespace, ingressGatewayResourceName);
  const redirect = httpRedirectVirtualServiceSpec(ingress, reference);
  return {
    gateway: { kind: "Gateway", name: ingressGatewayResourceName, namespace, spec: ingressGatewaySpec(ingress) },
    redirect: redirect && { kind: "VirtualService", name: `${ingressGatewayResourceName}-https-redirect`, namespace, spec: redirect },
    reference,
  };
}
