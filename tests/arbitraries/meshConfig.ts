import fc from "fast-check";
import { httpMethods, serviceEntryProtocols } from "../../settings/meshInput";
import { dnsName } from "./dnsName";
import { durationWithin } from "./duration";
import { kubernetesName } from "./kubernetesName";

/** A valid `istio-mesh:mesh` value with the app namespaces it needs, as a stack file would hold it. */
export interface MeshConfig {
  readonly environment: "dev" | "staging" | "prod";
  readonly namespaces: string[];
  readonly mesh: Record<string, unknown>;
}

/** `parts` positive integers summing to 100, from distinct cut points (never filtered). */
function split(parts: number): fc.Arbitrary<number[]> {
  return fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: parts - 1, maxLength: parts - 1 }).map((cuts) => {
    const points = [0, ...cuts.sort((a, b) => a - b), 100];
    return points.slice(1).map((point, i) => point - points[i]);
  });
}

// Built once: constructing a string-pattern arbitrary is costly, and the chains below would rebuild it per value.
const anyName = kubernetesName();
const anyHost = dnsName();
const bucket = fc.record({ maxTokens: fc.integer({ min: 1, max: 10_000 }), tokensPerFill: fc.integer({ min: 1, max: 10_000 }), fillInterval: durationWithin(1, 60_000) });

/** Routes over the declared subsets: each picks one or more and weights them (one destination has no weight). */
function routes(subsets: string[], timeoutMs: number): fc.Arbitrary<Record<string, unknown>[]> {
  type Destination = { subset?: string; weight?: number };
  const destinations: fc.Arbitrary<Destination[]> =
    subsets.length === 0
      ? fc.constant([{}])
      : fc.shuffledSubarray(subsets, { minLength: 1 }).chain((picked): fc.Arbitrary<Destination[]> =>
          picked.length === 1 ? fc.constant([{ subset: picked[0] }]) : split(picked.length).map((weights) => picked.map((subset, i) => ({ subset, weight: weights[i] }))),
        );
  const match = fc.option(
    fc.record(
      { pathPrefix: anyName.map((segment) => `/${segment}`), headers: fc.dictionary(anyName.map((header) => `x-${header}`), fc.record({ exact: anyName }), { maxKeys: 2 }) },
      { requiredKeys: [] },
    ),
    { nil: undefined },
  );
  // An idempotent route may retry on 5xx and resets; any route may retry on Istio's safe conditions.
  const ownRetries = fc.boolean().chain((idempotent) =>
    fc.record({ idempotent: fc.constant(idempotent), retries: fc.option(retriesWithin(timeoutMs, idempotent ? anyRetryOn : safeRetryOn), { nil: undefined }) }, { requiredKeys: ["idempotent"] }),
  );
  return fc
    .array(fc.tuple(fc.record({ match, destinations }), ownRetries), { minLength: 1, maxLength: 3 })
    .map((list) => list.map(([route, retries], i) => ({ name: `route-${i}`, ...route, ...retries })));
}

const safeRetryOn = fc.constantFrom("connect-failure,refused-stream,503", "connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503", "retriable-4xx,reset-before-request");
const anyRetryOn = fc.oneof(safeRetryOn, fc.constantFrom("5xx", "5xx,reset,connect-failure", "gateway-error"));

/** Retries whose tries, the first one included, fit in `timeoutMs`: perTryTimeout × (attempts + 1) ≤ timeout. */
function retriesWithin(timeoutMs: number, retryOn: fc.Arbitrary<string>): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .integer({ min: 1, max: 10 })
    .chain((attempts) => fc.record({ attempts: fc.constant(attempts), perTryTimeout: durationWithin(1, Math.floor(timeoutMs / (attempts + 1))), retryOn }));
}

const principal = fc.tuple(anyName, anyName).map(([namespace, account]) => `cluster.local/ns/${namespace}/sa/${account}`);

function service(name: string, namespaces: string[], ingressHosts: string[], faultInjection: boolean): fc.Arbitrary<Record<string, unknown>> {
  const subsets = fc.uniqueArray(anyName, { maxLength: 3 });
  const hosts = ingressHosts.length === 0 ? fc.constant([]) : fc.subarray(ingressHosts);
  // At least 11ms, so that 10 retries of 1ms each fit.
  const timeoutMs = fc.integer({ min: 11, max: 300_000 });
  return fc.record({ subsets, hosts, timeoutMs }).chain(({ subsets: subsetNames, hosts: serviceHosts, timeoutMs: serviceTimeoutMs }) =>
    fc.record(
      {
        name: fc.constant(name),
        namespace: fc.constantFrom(...namespaces),
        port: fc.integer({ min: 1, max: 65535 }),
        hosts: fc.constant(serviceHosts),
        subsets: fc.constant(subsetNames.map((subset) => ({ name: subset }))),
        routes: routes(subsetNames, serviceTimeoutMs),
        timeout: fc.constant(`${serviceTimeoutMs}ms`),
        retries: retriesWithin(serviceTimeoutMs, safeRetryOn),
        cors: fc.record({
          allowOrigins: fc.array(anyHost.map((origin) => `https://${origin}`), { minLength: 1, maxLength: 3 }),
          allowMethods: fc.subarray([...httpMethods], { minLength: 1 }),
          allowHeaders: fc.array(anyName, { minLength: 1, maxLength: 3 }),
          maxAge: durationWithin(1, 86_400_000),
        }),
        fault: faultInjection
          ? fc.record({ delay: fc.record({ percentage: fc.integer({ min: 0, max: 100 }), fixedDelay: durationWithin(1, 10_000) }), abort: fc.record({ percentage: fc.integer({ min: 0, max: 100 }), httpStatus: fc.integer({ min: 400, max: 599 }) }) })
          : fc.constant(undefined),
        connectionPool: fc.record({ maxConnections: fc.integer({ min: 1, max: 10_000 }), http1MaxPendingRequests: fc.integer({ min: 1, max: 10_000 }) }),
        outlierDetection: fc.record({ consecutive5xxErrors: fc.integer({ min: 1, max: 1000 }), interval: durationWithin(1, 600_000), baseEjectionTime: durationWithin(1, 600_000), maxEjectionPercent: fc.integer({ min: 0, max: 100 }) }),
        jwt: fc.oneof(
          fc.record({ issuer: anyHost.map((issuer) => `https://${issuer}`), jwksUri: anyHost.map((keys) => `https://${keys}/jwks.json`), required: fc.boolean() }),
          fc.record({ issuer: anyHost, jwks: fc.constant('{"keys":[]}'), required: fc.boolean() }),
        ),
        allow: fc.array(fc.record({ principals: fc.array(principal, { minLength: 1, maxLength: 2 }), methods: fc.subarray([...httpMethods]), paths: fc.array(anyName.map((path) => `/${path}`), { maxLength: 2 }) }), { maxLength: 2 }),
        rateLimit: serviceHosts.length === 0 ? fc.constant(undefined) : bucket,
      },
      { requiredKeys: ["name", "namespace", "hosts", "subsets", "routes", "timeout", "retries"] },
    ),
  );
}

/** Protocols on which the proxy originates TLS; the settings want the server's TLS port for port 80. */
const originatedProtocols = ["HTTP", "HTTP2", "GRPC"];

function directExternal(name: string, namespaces: string[]): fc.Arbitrary<Record<string, unknown>> {
  const exactHosts = fc.uniqueArray(anyHost, { minLength: 1, maxLength: 2 });
  const hosts = fc.oneof(exactHosts, anyHost.map((domain) => [`*.${domain}`]));
  const ports = fc
    .uniqueArray(fc.integer({ min: 1, max: 65535 }), { minLength: 1, maxLength: 3 })
    .chain((numbers) =>
      fc.tuple(
        ...numbers.map((number) =>
          fc.constantFrom(...serviceEntryProtocols).map((protocol) => (number === 80 && originatedProtocols.includes(protocol) ? { number, protocol, targetPort: 443 } : { number, protocol })),
        ),
      ),
    );
  const address = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`);
  return fc.record({ name: fc.constant(name), namespace: fc.constantFrom(...namespaces), hosts, ports, sni: anyHost, address }).map(({ sni, address, ...rest }) => ({
    ...rest,
    // TLS settings only where a port is originated: elsewhere the settings reject them as unused.
    ...(rest.ports.some((port) => originatedProtocols.includes(port.protocol)) ? { tls: { sni } } : {}),
    // A TCP port needs the external's addresses.
    ...(rest.ports.some((port) => port.protocol === "TCP") ? { addresses: [address] } : {}),
    exportTo: namespaces,
  }));
}

/** Through the egress gateway: exact hosts and one plain HTTP port, as the settings require; callers from the namespaces that see it. */
function egressGatewayExternal(name: string, namespaces: string[]): fc.Arbitrary<Record<string, unknown>> {
  const caller = fc.tuple(fc.constantFrom(...namespaces), anyName).map(([namespace, account]) => `cluster.local/ns/${namespace}/sa/${account}`);
  return fc.record(
    {
      name: fc.constant(name),
      namespace: fc.constantFrom(...namespaces),
      hosts: fc.uniqueArray(anyHost, { minLength: 1, maxLength: 2 }),
      ports: fc.tuple(fc.record({ number: fc.integer({ min: 1, max: 65535 }), protocol: fc.constant("HTTP"), targetPort: fc.integer({ min: 1, max: 65535 }) })),
      exportTo: fc.constant(namespaces),
      viaEgressGateway: fc.constant(true),
      callers: fc.array(caller, { maxLength: 2 }),
    },
    { requiredKeys: ["name", "namespace", "hosts", "ports", "exportTo", "viaEgressGateway"] },
  );
}

function external(name: string, namespaces: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof(directExternal(name, namespaces), egressGatewayExternal(name, namespaces));
}

/** A valid mesh config: 1–3 namespaces, 0–3 ingress hosts, 1–3 services, 0–2 externals, an optional gateway limit. */
export function meshConfig(): fc.Arbitrary<MeshConfig> {
  return fc
    .record({
      environment: fc.constantFrom("dev" as const, "staging" as const, "prod" as const),
      namespaces: fc.uniqueArray(anyName.map((namespace) => `app-${namespace}`), { minLength: 1, maxLength: 3 }),
      ingressHosts: fc.uniqueArray(anyHost, { maxLength: 3 }),
      // One pool, so services and externals never share a name (their DestinationRules would collide).
      names: fc.uniqueArray(anyName, { minLength: 1, maxLength: 5 }),
      faultInjection: fc.boolean(),
      acmeHttp01: fc.boolean(),
      minProtocolVersion: fc.option(fc.constant("TLSV1_3"), { nil: undefined }),
      rateLimit: fc.option(fc.record({ maxTokens: fc.integer({ min: 1, max: 10_000 }), tokensPerFill: fc.integer({ min: 1, max: 10_000 }), scope: fc.constantFrom("gateway", "host") }), { nil: undefined }),
    })
    .chain(({ environment, namespaces, ingressHosts, names, faultInjection, acmeHttp01, minProtocolVersion, rateLimit }) =>
      fc
        .record({
          services: fc.tuple(...names.slice(0, 3).map((name) => service(name, namespaces, ingressHosts, faultInjection))),
          externals: names.length <= 3 ? fc.constant([]) : fc.tuple(...names.slice(3).map((name) => external(name, namespaces))),
        })
        .map(({ services, externals }) => ({
          environment,
          namespaces,
          mesh: { faultInjection, ingress: { hosts: ingressHosts, acmeHttp01, minProtocolVersion }, rateLimit, services, externals },
        })),
    );
}
