import { z } from "zod";
import { duration } from "./duration";
import { boolean, dnsLabel, integer, ipAddressOrCidr, labels, nonEmptyString, oneOf } from "./validators";

/** The stack config schema of `istio-mesh:mesh`; cross-key rules (namespaces, subsets, weights) live in mesh.ts. */

const dnsNamePattern = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)+$/;
const hostText = "expected a DNS host name such as api.example.com (lowercase labels of letters, digits and '-', at least two labels)";
/** A fully qualified DNS name such as `api.example.com`. */
export const hostName = z.string({ error: hostText }).regex(dnsNamePattern, { error: hostText });
const wildcardText = `${hostText.replace("such as api.example.com", "such as api.example.com or *.example.com")}`;
/** A DNS name, or a `*.domain` wildcard. */
export const hostPattern = z
  .string({ error: wildcardText })
  .refine((host) => dnsNamePattern.test(host.startsWith("*.") ? host.slice(2) : host), { error: wildcardText });

const principalText = "expected a principal <trust-domain>/ns/<namespace>/sa/<serviceaccount> such as cluster.local/ns/shop/sa/api";
export const principal = z
  .string({ error: principalText })
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\/ns\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/sa\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: principalText });

const pathText = "expected a URL path starting with '/'";
const urlPath = z.string({ error: pathText }).regex(/^\/[^\s*?#]*$/, { error: pathText });
export const httpMethods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const method = oneOf(httpMethods);
const headerText = "expected a lowercase HTTP header name";
const headerName = z.string({ error: headerText }).regex(/^[a-z0-9][-a-z0-9_]*$/, { error: headerText });
const nonEmptyList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: `expected a list of ${what}` }).min(1, { error: `expected a non-empty list of ${what}` });
const percentage = z.number({ error: "expected a percentage from 0 to 100" }).min(0, { error: "expected a percentage from 0 to 100" }).max(100, { error: "expected a percentage from 0 to 100" });
const httpsUrlText = "expected an https:// URL";
const httpsUrl = z.string({ error: httpsUrlText }).regex(/^https:\/\/[a-z0-9.-]+(:\d+)?(\/\S*)?$/, { error: httpsUrlText });

/** A local rate limit token bucket: `maxTokens` burst, refilled by `tokensPerFill` every `fillInterval`. */
export const tokenBucketInput = z.strictObject({
  maxTokens: integer(1, 1_000_000),
  tokensPerFill: integer(1, 1_000_000),
  fillInterval: duration().optional(),
});

export const connectionPoolInput = z.strictObject({
  maxConnections: integer(1, 1_000_000).optional(),
  http1MaxPendingRequests: integer(1, 1_000_000).optional(),
  http2MaxRequests: integer(1, 1_000_000).optional(),
  maxRequestsPerConnection: integer(1, 1_000_000).optional(),
});

export const outlierDetectionInput = z.strictObject({
  consecutive5xxErrors: integer(1, 1000).optional(),
  interval: duration().optional(),
  baseEjectionTime: duration().optional(),
  maxEjectionPercent: integer(0, 100).optional(),
});

const headerMatch = z.strictObject({ exact: nonEmptyString.optional(), prefix: nonEmptyString.optional(), regex: nonEmptyString.optional() });

const retryOnText = "expected Envoy retry conditions such as \"connect-failure,refused-stream,503\"";
const retriesInput = z.strictObject({
  attempts: integer(1, 10),
  perTryTimeout: duration(300),
  retryOn: z.string({ error: retryOnText }).regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { error: retryOnText }).optional(),
});

const routeInput = z.strictObject({
  name: dnsLabel,
  match: z.strictObject({ pathPrefix: urlPath.optional(), headers: z.record(headerName, headerMatch).optional() }).optional(),
  destinations: nonEmptyList(z.strictObject({ subset: dnsLabel.optional(), weight: integer(0, 100).optional() }), "destinations ({subset?, weight?})"),
  idempotent: boolean.optional(),
  retries: retriesInput.optional(),
});

const serviceInput = z.strictObject({
  name: dnsLabel,
  namespace: dnsLabel,
  port: integer(1, 65535).optional(),
  targetPort: z.union([integer(1, 65535), z.string().regex(/^[a-z0-9]([-a-z0-9]{0,13}[a-z0-9])?$/)], { error: "expected a container port number from 1 to 65535 or a port name (at most 15 lowercase letters, digits and '-')" }).optional(),
  hosts: z.array(hostPattern, { error: "expected a list of host names" }).optional(),
  subsets: z.array(z.strictObject({ name: dnsLabel, labels: labels.optional() }), { error: "expected a list of subsets ({name, labels?})" }).optional(),
  routes: nonEmptyList(routeInput, "routes ({name, match?, destinations})").optional(),
  timeout: duration(300).optional(),
  retries: retriesInput.optional(),
  cors: z
    .strictObject({
      allowOrigins: nonEmptyList(z.string().regex(/^https?:\/\/[a-z0-9.-]+(:\d+)?$/, { error: "expected an origin such as https://app.example.com" }), "origins"),
      allowMethods: nonEmptyList(method, "HTTP methods"),
      allowHeaders: nonEmptyList(headerName, "header names"),
      exposeHeaders: z.array(headerName).optional(),
      maxAge: duration().optional(),
      allowCredentials: boolean.optional(),
    })
    .optional(),
  fault: z
    .strictObject({
      delay: z.strictObject({ percentage, fixedDelay: duration() }).optional(),
      abort: z.strictObject({ percentage, httpStatus: integer(400, 599) }).optional(),
    })
    .optional(),
  connectionPool: connectionPoolInput.optional(),
  outlierDetection: outlierDetectionInput.optional(),
  jwt: z
    .strictObject({
      issuer: nonEmptyString,
      jwksUri: httpsUrl.optional(),
      jwks: nonEmptyString.optional(),
      audiences: z.array(nonEmptyString).optional(),
      required: boolean.optional(),
      forwardOriginalToken: boolean.optional(),
    })
    .optional(),
  allow: z
    .array(
      z.strictObject({ principals: nonEmptyList(principal, "principals"), methods: z.array(method).optional(), paths: z.array(urlPath).optional() }),
      { error: "expected a list of allow rules ({principals, methods?, paths?})" },
    )
    .optional(),
  rateLimit: tokenBucketInput.optional(),
});
export type ServiceInput = z.infer<typeof serviceInput>;

export const serviceEntryProtocols = ["HTTP", "HTTPS", "GRPC", "HTTP2", "MONGO", "TCP", "TLS"] as const;

const externalInput = z.strictObject({
  name: dnsLabel,
  namespace: dnsLabel,
  hosts: nonEmptyList(hostPattern, "host names"),
  ports: nonEmptyList(
    z.strictObject({ number: integer(1, 65535), name: dnsLabel.optional(), protocol: oneOf(serviceEntryProtocols), targetPort: integer(1, 65535).optional() }),
    "ports ({number, name?, protocol, targetPort?})",
  ).optional(),
  addresses: z.array(ipAddressOrCidr, { error: "expected a list of IP addresses or CIDR blocks" }).optional(),
  tls: z
    .strictObject({
      sni: hostName.optional(),
      caCertificates: z.string().regex(/^\/\S+$/, { error: "expected an absolute file path in the proxy" }).optional(),
      subjectAltNames: z.array(nonEmptyString).optional(),
    })
    .optional(),
  exportTo: z.array(dnsLabel, { error: "expected a list of app namespaces" }).optional(),
  connectionPool: connectionPoolInput.optional(),
  outlierDetection: outlierDetectionInput.optional(),
  viaEgressGateway: boolean.optional(),
  callers: z.array(principal, { error: "expected a list of principals" }).optional(),
});
export type ExternalInput = z.infer<typeof externalInput>;

const minTlsText = 'expected "TLSV1_3", or no minProtocolVersion at all (Envoy then accepts TLS 1.2 and 1.3)';

export const meshInput = z.strictObject({
  faultInjection: boolean.optional(),
  ingress: z
    .strictObject({
      api: oneOf(["istio", "gateway-api"]).optional(),
      hosts: z.array(hostPattern, { error: "expected a list of host names" }).optional(),
      minProtocolVersion: z.literal("TLSV1_3", { error: minTlsText }).optional(),
      httpsRedirect: boolean.optional(),
      acmeHttp01: boolean.optional(),
    })
    .optional(),
  rateLimit: tokenBucketInput.extend({ scope: oneOf(["gateway", "host"]).optional() }).optional(),
  services: z.array(serviceInput, { error: "expected a list of services" }).optional(),
  externals: z.array(externalInput, { error: "expected a list of external services" }).optional(),
});
export type MeshInput = z.infer<typeof meshInput>;
