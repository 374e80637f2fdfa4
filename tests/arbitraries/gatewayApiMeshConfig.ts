import fc from "fast-check";
import { durationMs } from "../../settings/duration";
import { type MeshConfig, meshConfig } from "./meshConfig";

type Json = Record<string, unknown>;

/** Istio's rank of an HTTPRoute rule (sortHTTPRoutes): path length without the trailing `/`, then header count. */
function rank(route: Json): [number, number] {
  const match = (route.match ?? {}) as { pathPrefix?: string; headers?: Json };
  const path = match.pathPrefix ?? "/";
  return [path === "/" ? 1 : path.replace(/\/$/, "").length, Object.keys(match.headers ?? {}).length];
}

/**
 * A valid mesh config for the Gateway API ingress, built from a valid Istio one by the changes that ingress asks for
 * on exposed services (those with hosts): routes from most to least specific (a stable sort, so the Istio render of
 * the same config keeps its meaning), one retry policy for all of them and no route retries of their own (the
 * ingress has one mesh-wide policy), each timeout long enough for it, no fault injection, CORS maxAge in seconds.
 */
export function gatewayApiMeshConfig(): fc.Arbitrary<MeshConfig> {
  return meshConfig().map((config) => {
    const mesh = config.mesh as { ingress?: Json; services?: Json[] };
    const services = (mesh.services ?? []).map((service) => ({ ...service }));
    const exposed = services.filter((service) => ((service.hosts as string[] | undefined) ?? []).length > 0);
    const retries = exposed[0]?.retries;
    const firstTimeout = durationMs(String(exposed[0]?.timeout ?? "30s")) ?? 0;
    for (const service of exposed) {
      delete service.fault;
      if (retries === undefined) delete service.retries;
      else service.retries = retries;
      service.timeout = `${Math.max(firstTimeout, durationMs(String(service.timeout ?? "30s")) ?? 0)}ms`;
      service.routes = [...(service.routes as Json[])].map(({ retries: _own, ...route }) => route).sort((a, b) => {
        const [[pathA, headersA], [pathB, headersB]] = [rank(a), rank(b)];
        return pathB - pathA || headersB - headersA;
      });
      const cors = service.cors as Json | undefined;
      if (cors?.maxAge !== undefined) service.cors = { ...cors, maxAge: `${Math.max(1, Math.round((durationMs(String(cors.maxAge)) ?? 0) / 1000))}s` };
    }
    return { ...config, mesh: { ...mesh, ingress: { ...mesh.ingress, api: "gateway-api" }, services } };
  });
}
