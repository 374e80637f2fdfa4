/**
 * What holds for the Istio ingress holds for the Gateway API ingress, over generated service configs: the same hosts
 * exposed with the same certificates, the same routes with the same weights (versions as Services instead of
 * subsets), the same timeouts and retries; every object valid against the v1.5.1 reference CRDs (schemas and CEL
 * rules) in standard-channel fields only; every reference resolving; and the whole pack raising nothing mandatory.
 */
import fc from "fast-check";
import { manifest } from "../../../../components/mesh/specs/common";
import { gatewayApiManifest, gatewayApiMeshConfig } from "../../../../components/mesh/specs/gatewayApi";
import { durationMs } from "../../../../settings/duration";
import { evaluatePolicies, loadPolicyConfig } from "../../../../policy-pack/offline";
import { gatewayApiMeshConfig as gatewayApiConfigs } from "../../../arbitraries/gatewayApiMeshConfig";
import type { MeshConfig } from "../../../arbitraries/meshConfig";
import { sameValuesRuns } from "../../../arbitraries/runs";
import { gatewayApiObjectProblems, referenceAvailable } from "../../../support/gatewayApiSchema";
import { gatewayApiStackResources, renderGatewayApiConfig as renderGatewayApi } from "../../../support/gatewayApiRender";
import { loadIstioSchemas, validateIstioObject } from "../../../support/istioSchema";
import { type Loose, renderMeshConfig } from "../../../support/meshRender";
import { sharedByValue } from "../../../support/sharedByValue";

beforeAll(loadIstioSchemas);

/** Each generated config is rendered once for all the properties below, which run on the same configs. */
const renderGatewayApiConfig = sharedByValue(renderGatewayApi);

/** The same config with the Istio ingress. */
const istioRender = sharedByValue((config: MeshConfig) => {
  const mesh = config.mesh as { ingress: Record<string, unknown> };
  return renderMeshConfig({ ...config, mesh: { ...config.mesh, ingress: { ...mesh.ingress, api: "istio" } } });
});

const specOf = (objects: readonly { kind: string; name: string; namespace: string; spec: Loose }[], kind: string, namespace: string, name: string) =>
  objects.find((object) => object.kind === kind && object.namespace === namespace && object.name === name)?.spec as Loose;

describe("the Gateway API ingress against the Istio ingress, for the same config", () => {
  it("exposes the same hosts, each listener serving the Secret the Istio server names", () => {
    fc.assert(
      fc.property(gatewayApiConfigs(), (config) => {
        const gatewayApi = renderGatewayApiConfig(config);
        const istio = istioRender(config);
        const istioGateway = istio.objects.find((object) => object.kind === "Gateway" && object.namespace === "istio-ingress");
        const gateway = specOf(gatewayApi.gatewayApi, "Gateway", "istio-ingress", "ingress");
        const httpsServers = ((istioGateway?.spec.servers ?? []) as Loose[]).filter((server) => server.port.protocol === "HTTPS");
        const httpsListeners = ((gateway?.listeners ?? []) as Loose[]).filter((listener) => listener.protocol === "HTTPS");
        expect(httpsListeners.map((listener) => [listener.hostname, listener.tls.certificateRefs[0].name])).toEqual(httpsServers.map((server) => [server.hosts[0], server.tls.credentialName]));
        for (const service of gatewayApi.mesh.services.filter((candidate) => candidate.hosts.length > 0)) {
          const virtualService = specOf(istio.objects, "VirtualService", service.namespace, `${service.name}-ingress`);
          expect(specOf(gatewayApi.gatewayApi, "HTTPRoute", service.namespace, `${service.name}-ingress`).hostnames).toEqual(virtualService.hosts);
        }
      }),
      sameValuesRuns,
    );
  });

  it("routes in the same order with the same weights, timeouts and retries (versions as Services)", () => {
    fc.assert(
      fc.property(gatewayApiConfigs(), (config) => {
        const gatewayApi = renderGatewayApiConfig(config);
        const istio = istioRender(config);
        const exposed = gatewayApi.mesh.services.filter((candidate) => candidate.hosts.length > 0);
        for (const service of exposed) {
          const routes = specOf(istio.objects, "VirtualService", service.namespace, `${service.name}-ingress`).http as Loose[];
          const rules = specOf(gatewayApi.gatewayApi, "HTTPRoute", service.namespace, `${service.name}-ingress`).rules as Loose[];
          expect(rules.map((rule) => rule.name)).toEqual(routes.map((route) => route.name));
          rules.forEach((rule, i) => {
            const backends = (rule.backendRefs as Loose[]).map((ref) => [ref.name, ref.weight]);
            const destinations = (routes[i].route as Loose[]).map((entry) => [entry.destination.subset === undefined ? service.name : `${service.name}-${entry.destination.subset}`, entry.weight]);
            expect(backends).toEqual(destinations);
            expect(durationMs(rule.timeouts.request)).toBe(durationMs(routes[i].timeout));
          });
          expect(gatewayApiMeshConfig(gatewayApi.mesh).defaultHttpRetryPolicy).toEqual(routes[0].retries);
        }
      }),
      sameValuesRuns,
    );
  });
});

(referenceAvailable ? describe : describe.skip)("the Gateway API ingress's objects", () => {
  it("are valid against the v1.5.1 reference CRDs and their CEL rules, in standard-channel fields only; its DestinationRules against Istio's", () => {
    fc.assert(
      fc.property(gatewayApiConfigs(), (config) => {
        const render = renderGatewayApiConfig(config);
        expect(render.gatewayApi.flatMap((object) => gatewayApiObjectProblems(gatewayApiManifest(object)).map((problem) => `${object.kind} ${object.namespace}/${object.name}: ${problem}`))).toEqual([]);
        expect(render.istio.flatMap((object) => validateIstioObject(manifest(object)))).toEqual([]);
      }),
      sameValuesRuns,
    );
  });
});

describe("the stack of a Gateway API ingress", () => {
  it("resolves every reference and raises nothing mandatory in the whole pack, at the stack's environment's levels", async () => {
    await fc.assert(
      fc.asyncProperty(gatewayApiConfigs(), async (config) => {
        const resources = gatewayApiStackResources(config, renderGatewayApiConfig(config));
        const violations = await evaluatePolicies(resources, loadPolicyConfig(config.environment));
        expect(violations.filter((violation) => violation.enforcementLevel === "mandatory").map((violation) => `${violation.policyName}: ${violation.message}`)).toEqual([]);
      }),
      sameValuesRuns,
    );
  });
});
