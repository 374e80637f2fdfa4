/** The resolved, validated form of `istio-mesh:mesh`: what the mesh components receive. */

export interface TokenBucket {
  /** Burst size: requests allowed at once. */
  readonly maxTokens: number;
  /** Tokens added every `fillInterval`. */
  readonly tokensPerFill: number;
  /** Refill period, an Istio duration. @defaultValue "1s" */
  readonly fillInterval: string;
}

export interface ConnectionPool {
  readonly maxConnections: number;
  readonly http1MaxPendingRequests: number;
  readonly http2MaxRequests: number;
  readonly maxRequestsPerConnection?: number;
}

export interface OutlierDetection {
  readonly consecutive5xxErrors: number;
  readonly interval: string;
  readonly baseEjectionTime: string;
  readonly maxEjectionPercent: number;
}

export interface HeaderMatch {
  readonly exact?: string;
  readonly prefix?: string;
  readonly regex?: string;
}

/** A route's retry policy, as Istio's VirtualService `retries` takes it. */
export interface RetrySettings {
  /** Retries after the first try, 1–10. */
  readonly attempts: number;
  readonly perTryTimeout: string;
  /** Envoy retry conditions, comma-separated; a number is a retriable status code. */
  readonly retryOn: string;
}

export interface RouteSettings {
  readonly name: string;
  /** Requests this route takes; undefined takes every request that reaches it. */
  readonly match?: { readonly pathPrefix?: string; readonly headers: Readonly<Record<string, HeaderMatch>> };
  /** One destination, or several whose weights sum to 100. `subset` undefined routes to the whole service. */
  readonly destinations: readonly { readonly subset?: string; readonly weight?: number }[];
  /** The route's requests may run twice without harm, so it may retry on 5xx. @defaultValue false */
  readonly idempotent: boolean;
  /** The retries this route gets: its own, else the service's, over Istio's defaults. */
  readonly retries: RetrySettings;
}

export interface CorsSettings {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAge?: string;
  readonly allowCredentials?: boolean;
}

export interface FaultSettings {
  readonly delay?: { readonly percentage: number; readonly fixedDelay: string };
  readonly abort?: { readonly percentage: number; readonly httpStatus: number };
}

export interface JwtSettings {
  readonly issuer: string;
  /** Exactly one of `jwksUri` (https) and `jwks` (inline JSON Web Key Set) is set. */
  readonly jwksUri?: string;
  readonly jwks?: string;
  readonly audiences: readonly string[];
  /** Requests without a valid token from this issuer are denied. @defaultValue true */
  readonly required: boolean;
  readonly forwardOriginalToken: boolean;
}

export interface AllowRule {
  readonly principals: readonly string[];
  readonly methods: readonly string[];
  readonly paths: readonly string[];
}

export interface MeshServiceSettings {
  readonly name: string;
  readonly namespace: string;
  /** The Kubernetes Service port. @defaultValue 80 */
  readonly port: number;
  /**
   * The container port (number or name) behind `port`: the per-version Services of a Gateway API ingress route to
   * it. @defaultValue `port`
   */
  readonly targetPort: number | string;
  /** Ingress hosts the service is exposed on (each one of the ingress gateway's); empty: mesh-internal only. */
  readonly hosts: readonly string[];
  readonly subsets: readonly { readonly name: string; readonly labels: Readonly<Record<string, string>> }[];
  readonly routes: readonly RouteSettings[];
  readonly timeout: string;
  /** The retries of routes that set none. @defaultValue Istio's: 2 retries of 10s on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503 */
  readonly retries: RetrySettings;
  readonly cors?: CorsSettings;
  readonly fault?: FaultSettings;
  readonly connectionPool: ConnectionPool;
  readonly outlierDetection: OutlierDetection;
  readonly jwt?: JwtSettings;
  readonly allow: readonly AllowRule[];
  readonly rateLimit?: TokenBucket;
}

/**
 * Who speaks TLS on an external port: a proxy originates it (the app speaks plain HTTP, HTTP2 or GRPC; the
 * sidecar originates, or the egress gateway for an external routed through it), the application does itself
 * (HTTPS, TLS: passed through as it is), or nobody (TCP, MONGO: not originated).
 */
export type ExternalPortTls = "originated" | "application" | "none";

export interface ServiceEntryPort {
  /** The port the app calls. */
  readonly number: number;
  readonly name: string;
  readonly protocol: string;
  /** The port of the external server, when it differs: plain HTTP on `number`, TLS originated to `targetPort`. */
  readonly targetPort?: number;
  /** Who speaks TLS on this port, from its protocol; the DestinationRule states TLS for the port accordingly. */
  readonly tls: ExternalPortTls;
}

export interface ExternalServiceSettings {
  readonly name: string;
  /** App namespace the ServiceEntry and its DestinationRule live in. */
  readonly namespace: string;
  readonly hosts: readonly string[];
  readonly ports: readonly ServiceEntryPort[];
  /**
   * IP addresses or CIDR blocks of the external (ServiceEntry `addresses`). Required with a TCP port: TCP carries
   * no host name, so without them the proxy listens on 0.0.0.0 for that port and takes every service's traffic on it.
   * @defaultValue []
   */
  readonly addresses: readonly string[];
  /**
   * TLS origination on the ports where a proxy originates it: the SNI for wildcard hosts (exact hosts send
   * their own name), the CA bundle (default: the proxy's system roots) and the names the server certificate must
   * carry (default: the host itself).
   */
  readonly tls: { readonly sni?: string; readonly caCertificates?: string; readonly subjectAltNames: readonly string[] };
  /** App namespaces that see the entry (always including its own). */
  readonly exportTo: readonly string[];
  readonly connectionPool: ConnectionPool;
  readonly outlierDetection: OutlierDetection;
  /**
   * Apps reach the external through the egress gateway (`istio-egress`), which originates the TLS; their
   * sidecars send it the app's HTTP inside Istio mTLS (ISTIO_MUTUAL, SNI = the host). @defaultValue false
   */
  readonly viaEgressGateway: boolean;
  /**
   * With `viaEgressGateway`: the principals (`<trust-domain>/ns/<namespace>/sa/<account>`) the egress gateway lets
   * through to this external. Empty: every workload of the namespaces in `exportTo`. @defaultValue []
   */
  readonly callers: readonly string[];
}

/** Which Kubernetes API expresses the ingress: Istio's Gateway and VirtualServices, or the Gateway API's Gateway and HTTPRoutes. */
export type IngressApi = "istio" | "gateway-api";

export interface IngressSettings {
  /** @defaultValue "istio" */
  readonly api: IngressApi;
  /** HTTPS hosts of the ingress Gateway; each gets a server with `credentialName` gatewayCredentialName(host). */
  readonly hosts: readonly string[];
  /**
   * Minimum TLS version of the HTTPS servers: TLS 1.3 where set (property 4); unset, Envoy accepts TLS 1.2 and 1.3,
   * which clients without TLS 1.3 need. @defaultValue unset
   */
  readonly minProtocolVersion?: "TLSV1_3";
  /** HTTP on port 80 redirects to HTTPS. @defaultValue true */
  readonly httpsRedirect: boolean;
  /** cert-manager answers ACME HTTP-01 challenges through the ingress: the redirect skips `/.well-known/acme-challenge/`. */
  readonly acmeHttp01: boolean;
}

export interface MeshSettings {
  /** Fault injection may be configured: dev, or a stack that sets the `faultInjection` chaos flag. */
  readonly faultInjection: boolean;
  readonly ingress: IngressSettings;
  /** Local rate limit on the ingress gateway: one bucket for the gateway, or one per host. */
  readonly rateLimit?: TokenBucket & { readonly scope: "gateway" | "host" };
  readonly services: readonly MeshServiceSettings[];
  readonly externals: readonly ExternalServiceSettings[];
  /**
   * With the Gateway API ingress: the retry policy of the ingress routes (HTTPRoute has no standard-channel retry
   * field, so istiod's mesh-wide `meshConfig.defaultHttpRetryPolicy` carries it). Undefined otherwise.
   */
  readonly ingressRetries?: RetrySettings;
  /** Defaults the chosen ingress API cannot express, one line each, printed as warnings; empty with the Istio ingress. */
  readonly notices: readonly string[];
}
