import type { Environment } from "./environments";
import { describeValue } from "./errors";
import { checkNamespace, checkUnique, defaultConnectionPool, defaultOutlierDetection, type MeshContext } from "./meshContext";
import { resolveExternal } from "./meshExternals";
import { checkGatewayApiService, checkVersionServices, resolveIngressRetries } from "./meshGatewayApi";
import type { MeshInput, ServiceInput } from "./meshInput";
import { checkRetryBudget, checkRetryConditions, checkRouteRetries, defaultRetries, resolveRetries } from "./meshRetries";
import type { IngressSettings, MeshServiceSettings, MeshSettings, RouteSettings, TokenBucket } from "./meshTypes";

export { meshInput, type MeshInput } from "./meshInput";
export type * from "./meshTypes";
export type { MeshContext } from "./meshContext";

/** A host is served by a Gateway host when equal to it, or under its `*.domain` wildcard. */
export function hostMatches(gatewayHost: string, host: string): boolean {
  if (gatewayHost === host) return true;
  return gatewayHost.startsWith("*.") && host.endsWith(gatewayHost.slice(1)) && !host.slice(0, -gatewayHost.length + 1).includes("*");
}

export function bucket(input: { maxTokens: number; tokensPerFill: number; fillInterval?: string }): TokenBucket {
  return { maxTokens: input.maxTokens, tokensPerFill: input.tokensPerFill, fillInterval: input.fillInterval ?? "1s" };
}

function resolveIngress(input: MeshInput["ingress"], environment: Environment, problems: string[]): IngressSettings {
  const hosts = input?.hosts ?? [];
  hosts.forEach((host, i) => {
    if (environment === "prod" && host.includes("*")) {
      problems.push(`mesh.ingress.hosts[${i}]: expected an exact host name in a prod stack (no wildcard hosts), got ${describeValue(host)}`);
    }
  });
  checkUnique(hosts, (host) => host, (host, i) => `mesh.ingress.hosts[${i}]: expected a host not listed before, got ${describeValue(host)} twice`, problems);
  return {
    api: input?.api ?? "istio",
    hosts,
    minProtocolVersion: input?.minProtocolVersion,
    httpsRedirect: input?.httpsRedirect ?? true,
    acmeHttp01: input?.acmeHttp01 ?? false,
  };
}

/** Property 5: one destination, or integer weights summing to 100; every subset named is declared. */
function checkRoutes(key: string, routes: readonly RouteSettings[], subsets: readonly string[], problems: string[]): void {
  checkUnique(routes, (route) => route.name, (route, r) => `${key}[${r}].name: expected a route name not used before, got ${describeValue(route.name)}`, problems);
  routes.forEach((route, r) => {
    const headers = Object.entries(route.match?.headers ?? {});
    for (const [header, match] of headers) {
      const kinds = Object.keys(match).length;
      if (kinds !== 1) problems.push(`${key}[${r}].match.headers.${header}: expected exactly one of exact, prefix or regex, got ${describeValue(match)}`);
    }
    route.destinations.forEach((destination, d) => {
      if (destination.subset !== undefined && !subsets.includes(destination.subset)) {
        problems.push(`${key}[${r}].destinations[${d}].subset: expected one of the service's subsets (${describeValue(subsets)}), got ${describeValue(destination.subset)}`);
      }
    });
    const weights = route.destinations.map((destination) => destination.weight);
    const total = weights.reduce<number>((sum, weight) => sum + (weight ?? 0), 0);
    const needsWeights = route.destinations.length > 1 || weights[0] !== undefined;
    if (needsWeights && (weights.some((weight) => weight === undefined) || total !== 100)) {
      problems.push(`${key}[${r}].destinations: expected weights on every destination summing to 100, got ${describeValue(weights)} (sum ${total})`);
    }
  });
}

function resolveService(input: ServiceInput, key: string, context: MeshContext, ingress: IngressSettings, faultInjection: boolean, problems: string[]): MeshServiceSettings {
  checkNamespace(`${key}.namespace`, input.namespace, context, problems);
  const subsets = (input.subsets ?? []).map((subset) => ({ name: subset.name, labels: subset.labels ?? { version: subset.name } }));
  checkUnique(subsets, (subset) => subset.name, (subset, i) => `${key}.subsets[${i}].name: expected a subset name not used before, got ${describeValue(subset.name)}`, problems);
  const serviceRetries = resolveRetries(input.retries, undefined);
  const timeout = input.timeout ?? "30s";
  const routes: RouteSettings[] = (input.routes ?? [{ name: "default", destinations: [{ subset: subsets[0]?.name }] }]).map((route, r) => {
    const settings = {
      name: route.name,
      match: route.match && { pathPrefix: route.match.pathPrefix, headers: route.match.headers ?? {} },
      destinations: route.destinations,
      idempotent: route.idempotent ?? false,
      retries: resolveRetries(input.retries, route.retries),
    };
    const retriesKey = route.retries === undefined ? `${key}.retries` : `${key}.routes[${r}].retries`;
    checkRouteRetries({ ...settings, retriesKey }, timeout, `${key}.timeout`, `${key}.routes[${r}].idempotent`, problems);
    return settings;
  });
  checkRoutes(`${key}.routes`, routes, subsets.map((subset) => subset.name), problems);
  const hosts = input.hosts ?? [];
  hosts.forEach((host, i) => {
    if (!ingress.hosts.some((gatewayHost) => hostMatches(gatewayHost, host))) {
      problems.push(`${key}.hosts[${i}]: expected a host served by mesh.ingress.hosts (${describeValue(ingress.hosts)}), got ${describeValue(host)}`);
    }
  });
  if (input.fault !== undefined && !faultInjection) {
    problems.push(`${key}.fault: expected no fault injection in a ${context.environment} stack (set mesh.faultInjection: true to allow chaos testing), got ${describeValue(input.fault)}`);
  }
  if (input.fault !== undefined && input.fault.delay === undefined && input.fault.abort === undefined) {
    problems.push(`${key}.fault: expected a delay or an abort, got ${describeValue(input.fault)}`);
  }
  const jwt = input.jwt;
  if (jwt !== undefined && (jwt.jwksUri === undefined) === (jwt.jwks === undefined)) {
    problems.push(`${key}.jwt: expected exactly one key source, jwksUri (https) or jwks (inline), got ${jwt.jwksUri === undefined ? "neither" : "both"}`);
  }
  if (input.rateLimit !== undefined && hosts.length === 0) {
    problems.push(`${key}.rateLimit: expected ${key}.hosts to name ingress hosts (the limit applies at the ingress gateway), got no hosts`);
  }
  return {
    name: input.name,
    namespace: input.namespace,
    port: input.port ?? 80,
    targetPort: input.targetPort ?? input.port ?? 80,
    hosts,
    subsets,
    routes,
    timeout,
    retries: serviceRetries,
    cors: input.cors && { ...input.cors, exposeHeaders: input.cors.exposeHeaders ?? [] },
    fault: input.fault,
    connectionPool: { ...defaultConnectionPool, ...input.connectionPool },
    outlierDetection: { ...defaultOutlierDetection, ...input.outlierDetection },
    jwt: jwt && { ...jwt, audiences: jwt.audiences ?? [], required: jwt.required ?? true, forwardOriginalToken: jwt.forwardOriginalToken ?? false },
    allow: (input.allow ?? []).map((rule) => ({ principals: rule.principals, methods: rule.methods ?? [], paths: rule.paths ?? [] })),
    rateLimit: input.rateLimit && bucket(input.rateLimit),
  };
}

/** `istio-mesh:mesh` with defaults applied; pushes one `mesh.<key>: expected ..., got ...` line per problem. */
export function resolveMesh(input: MeshInput | undefined, context: MeshContext, problems: string[]): MeshSettings {
  const faultInjection = input?.faultInjection ?? context.environment === "dev";
  const ingress = resolveIngress(input?.ingress, context.environment, problems);
  const services = (input?.services ?? []).map((service, i) => resolveService(service, `mesh.services[${i}]`, context, ingress, faultInjection, problems));
  checkUnique(services, (service) => `${service.namespace}/${service.name}`, (service, i) =>
    `mesh.services[${i}].name: expected a service name not used before in namespace ${service.namespace}, got ${describeValue(service.name)}`, problems);
  const notices: string[] = [];
  const ingressRetries = ingress.api === "gateway-api" ? resolveGatewayApiIngress(input?.services ?? [], services, problems, notices) : undefined;
  const externals = (input?.externals ?? []).map((external, i) => resolveExternal(external, `mesh.externals[${i}]`, context, problems));
  checkUnique(externals, (external) => `${external.namespace}/${external.name}`, (external, i) =>
    `mesh.externals[${i}].name: expected an external name not used before in namespace ${external.namespace}, got ${describeValue(external.name)}`, problems);
  externals.forEach((external, i) => {
    if (services.some((service) => service.namespace === external.namespace && service.name === external.name)) {
      problems.push(`mesh.externals[${i}].name: expected a name no service in namespace ${external.namespace} has (their DestinationRules would collide), got ${describeValue(external.name)}`);
    }
  });
  return {
    faultInjection,
    ingress,
    rateLimit: input?.rateLimit && { ...bucket(input.rateLimit), scope: input.rateLimit.scope ?? "gateway" },
    services,
    externals,
    ...(ingressRetries === undefined ? {} : { ingressRetries }),
    notices,
  };
}

/** The Gateway API ingress's own checks (meshGatewayApi.ts) and the retry policy its routes share. */
function resolveGatewayApiIngress(inputs: readonly ServiceInput[], services: readonly MeshServiceSettings[], problems: string[], notices: string[]) {
  const exposed = services.flatMap((service, i) => (service.hosts.length === 0 ? [] : [{ key: `mesh.services[${i}]`, service, explicit: inputs[i].retries !== undefined }]));
  exposed.forEach(({ key, service }) => checkGatewayApiService(service, inputs[services.indexOf(service)], key, problems));
  // The ingress applies a service's retries to every request through it, whatever its route. Routes that inherit them
  // were checked already; the others need the check too when none of the inheriting ones showed a problem.
  for (const { key, service } of exposed) {
    (inputs[services.indexOf(service)].routes ?? []).forEach((route, r) => {
      if (route.retries !== undefined) notices.push(`${key}.routes[${r}].retries: apply to mesh-internal calls only; ingress requests get the mesh-wide retry policy with mesh.ingress.api "gateway-api"`);
    });
  }
  for (const { key, service } of exposed.filter(({ explicit }) => explicit)) {
    const inputRoutes = inputs[services.indexOf(service)].routes ?? [];
    const inheriting = service.routes.filter((_, r) => inputRoutes[r]?.retries === undefined);
    const everyRoute = { name: "every route, through the Gateway API ingress", idempotent: service.routes.every((route) => route.idempotent), retries: service.retries, retriesKey: `${key}.retries` };
    if (inheriting.every((route) => route.idempotent)) checkRetryConditions(everyRoute, `${key}.routes[*].idempotent`, problems);
    if (inheriting.length === 0) checkRetryBudget(everyRoute, service.timeout, `${key}.timeout`, problems);
  }
  checkVersionServices(services, problems);
  return resolveIngressRetries(exposed, defaultRetries, problems, notices);
}
