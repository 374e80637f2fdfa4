/**
 * The mesh's correctness properties (policy-pack/README.md) over generated service configs: each property resolves a generated
 * `istio-mesh:mesh`, builds every Istio object the Mesh component would create, checks its property and that
 * every object is valid against Istio 1.30.4's CRDs (property 22).
 */
import fc from "fast-check";
import { gatewayCredentialName } from "../../../../settings/certificateNames";
import type { IstioObject } from "../../../../components/mesh/specs/common";
import { egressGatewayServiceHost } from "../../../../components/mesh/specs/egress";
import { duplicateObjects } from "../../../../components/mesh/specs/meshObjects";
import { serviceEntryProtocols } from "../../../../settings/meshInput";
import { meshConfig, type MeshConfig } from "../../../arbitraries/meshConfig";
import { sameValuesRuns } from "../../../arbitraries/runs";
import { goDurationMs, loadIstioSchemas } from "../../../support/istioSchema";
import { type Loose, ofKind, renderMeshConfig, schemaProblems } from "../../../support/meshRender";
import { sharedByValue } from "../../../support/sharedByValue";

beforeAll(loadIstioSchemas);

const atLeastOneMs = (value: unknown) => typeof value === "string" && (goDurationMs(value) ?? 0) >= 1;
const httpRoutes = (objects: IstioObject[]): Loose[] => ofKind(objects, "VirtualService").flatMap((vs) => (vs.spec as Loose).http ?? []);
/** Routes to destinations (the HTTP-01 redirect route has none). */
const destinationRoutes = (objects: IstioObject[]): Loose[] => httpRoutes(objects).filter((route) => route.route !== undefined);
const egressGatewayBound = (vs: IstioObject) => (((vs.spec as Loose).gateways ?? []) as string[]).some((reference) => reference.startsWith("istio-egress/"));
/**
 * Routes to mesh services, which always set a timeout and retries. The egress-gateway routes of externals set
 * neither: a call keeps Istio's defaults, as when the sidecar calls the external directly.
 */
const serviceRoutes = (objects: IstioObject[]): Loose[] =>
  ofKind(objects, "VirtualService")
    .filter((vs) => !egressGatewayBound(vs))
    .flatMap((vs) => ((vs.spec as Loose).http as Loose[]).filter((route) => route.route !== undefined));

/** A generated config's objects and their schema problems, worked out once for all the properties below. */
const renderOnce = sharedByValue((config: MeshConfig) => {
  const rendered = renderMeshConfig(config);
  return { rendered, schemaProblems: schemaProblems(rendered.objects) };
});

/** Runs `check` on the objects of every generated config, after asserting they are all schema-valid. */
function property(check: (objects: IstioObject[], config: ReturnType<typeof renderMeshConfig>) => void): void {
  let runs = 0;
  fc.assert(
    fc.property(meshConfig(), (config) => {
      runs += 1;
      const { rendered, schemaProblems } = renderOnce(config);
      expect(schemaProblems).toEqual([]);
      check(rendered.objects, rendered);
    }),
    sameValuesRuns,
  );
  expect(runs).toBeGreaterThanOrEqual(100);
}

describe("mesh resources built from generated service configs", () => {
  test("property 5: a route with several destinations has integer weights summing to 100; a single one has none", () =>
    property((objects) => {
      for (const route of destinationRoutes(objects)) {
        const weights = route.route.map((destination: Loose) => destination.weight);
        if (weights.length === 1) expect(weights[0]).toBeUndefined();
        else {
          expect(weights.every(Number.isInteger)).toBe(true);
          expect(weights.reduce((sum: number, weight: number) => sum + weight, 0)).toBe(100);
        }
      }
    }));

  test("property 6: outlier detection has positive error counts, durations of at least 1ms and an ejection percent in 0-100", () =>
    property((objects) => {
      // Services state it for the host, externals per port; the egress gateway's own rule carries only mTLS subsets.
      const rules = ofKind(objects, "DestinationRule").filter((rule) => rule.namespace !== "istio-egress");
      const outliers = rules.flatMap((rule) => {
        const policy = (rule.spec as Loose).trafficPolicy;
        return policy.portLevelSettings ? policy.portLevelSettings.map((setting: Loose) => setting.outlierDetection) : [policy.outlierDetection];
      });
      expect(outliers.length).toBeGreaterThanOrEqual(rules.length);
      for (const outlier of outliers) {
        expect(outlier.consecutive5xxErrors).toBeGreaterThan(0);
        expect(atLeastOneMs(outlier.interval) && atLeastOneMs(outlier.baseEjectionTime)).toBe(true);
        expect(outlier.maxEjectionPercent >= 0 && outlier.maxEjectionPercent <= 100).toBe(true);
      }
    }));

  test("property 7: retries make 1-10 attempts with a per-try timeout of at least 1ms", () =>
    property((objects) => {
      for (const route of serviceRoutes(objects)) {
        expect(route.retries.attempts >= 1 && route.retries.attempts <= 10).toBe(true);
        expect(atLeastOneMs(route.retries.perTryTimeout)).toBe(true);
      }
    }));

  test("property 8: every route timeout is at least 1ms and at most 300s", () =>
    property((objects) => {
      for (const route of serviceRoutes(objects)) {
        const ms = goDurationMs(route.timeout) ?? NaN;
        expect(ms >= 1 && ms <= 300_000).toBe(true);
      }
    }));

  test("properties 4 and 9: every HTTPS server for clients outside the mesh terminates TLS (SIMPLE) with the host's own credentialName, at least TLS 1.3 where the config sets a minimum", () =>
    property((objects, { mesh }) => {
      for (const gateway of ofKind(objects, "Gateway").filter((candidate) => candidate.namespace === "istio-ingress")) {
        const https = (gateway.spec as Loose).servers.filter((server: Loose) => server.port.protocol === "HTTPS");
        for (const server of https) {
          expect(server.hosts).toHaveLength(1);
          const minimum = mesh.ingress.minProtocolVersion === undefined ? {} : { minProtocolVersion: "TLSV1_3" };
          expect(server.tls).toEqual({ mode: "SIMPLE", credentialName: gatewayCredentialName(server.hosts[0]), ...minimum });
        }
      }
    }));

  test("property 9: every egress gateway server takes the mesh's traffic as Istio mTLS (HTTPS, ISTIO_MUTUAL, workload certificates: no secret)", () =>
    property((objects) => {
      for (const gateway of ofKind(objects, "Gateway").filter((candidate) => candidate.namespace === "istio-egress")) {
        expect((gateway.spec as Loose).selector).toEqual({ istio: "egressgateway" });
        for (const server of (gateway.spec as Loose).servers) expect([server.port.protocol, server.tls]).toEqual(["HTTPS", { mode: "ISTIO_MUTUAL" }]);
      }
    }));

  test("the hop to the egress gateway is Istio mTLS: every mesh route to it names a subset stating ISTIO_MUTUAL with SNI = the routed host on the route's port", () =>
    property((objects) => {
      const gatewayRule = ofKind(objects, "DestinationRule").find((rule) => (rule.spec as Loose).host === egressGatewayServiceHost);
      const subsets = new Map((((gatewayRule?.spec as Loose)?.subsets ?? []) as Loose[]).map((subset) => [subset.name, subset.trafficPolicy.portLevelSettings]));
      for (const vs of ofKind(objects, "VirtualService").filter(egressGatewayBound)) {
        const [toGateway] = (vs.spec as Loose).http;
        const destination = toGateway.route[0].destination;
        expect(destination.host).toBe(egressGatewayServiceHost);
        expect(subsets.get(destination.subset)).toEqual([{ port: { number: destination.port.number }, tls: { mode: "ISTIO_MUTUAL", sni: (vs.spec as Loose).hosts[0] } }]);
        expect((gatewayRule?.spec as Loose).exportTo).toContain(vs.namespace);
      }
    }));

  test("the egress gateway admits, per external routed through it, only the callers its config declares, for its hosts", () =>
    property((objects, { mesh }) => {
      const policy = ofKind(objects, "AuthorizationPolicy").find((candidate) => candidate.namespace === "istio-egress");
      const rules = ((policy?.spec as Loose).rules ?? []) as Loose[];
      const routed = mesh.externals.filter((external) => external.viaEgressGateway);
      expect(rules).toHaveLength(routed.length);
      routed.forEach((external, i) => {
        const source = rules[i].from[0].source;
        expect(source).toEqual(external.callers.length > 0 ? { principals: external.callers } : { namespaces: external.exportTo });
        for (const host of external.hosts) expect(rules[i].to[0].operation.hosts).toContain(host);
      });
    }));

  test("property 10: every host of a Gateway-bound VirtualService is served by that Gateway (`mesh` is the sidecars, not a Gateway)", () =>
    property((objects) => {
      const gateways = new Map(ofKind(objects, "Gateway").map((gateway) => [`${gateway.namespace}/${gateway.name}`, gateway.spec as Loose]));
      for (const vs of ofKind(objects, "VirtualService").filter((vs) => (vs.spec as Loose).gateways !== undefined)) {
        for (const reference of ((vs.spec as Loose).gateways as string[]).filter((entry) => entry !== "mesh")) {
          const gateway = gateways.get(reference);
          expect(gateway).toBeDefined();
          const served = gateway.servers.flatMap((server: Loose) => server.hosts as string[]);
          for (const host of (vs.spec as Loose).hosts as string[]) {
            expect(served.some((entry: string) => entry === host || (entry.startsWith("*.") && host.endsWith(entry.slice(1))))).toBe(true);
          }
        }
      }
    }));

  test("property 12: every CORS policy lists origins, methods and headers", () =>
    property((objects) => {
      for (const cors of httpRoutes(objects).map((route) => route.corsPolicy).filter(Boolean)) {
        expect(cors.allowOrigins.length * cors.allowMethods.length * cors.allowHeaders.length).toBeGreaterThan(0);
      }
    }));

  test("property 15: every source principal is <trust-domain>/ns/<namespace>/sa/<serviceaccount>", () =>
    property((objects) => {
      const principals = ofKind(objects, "AuthorizationPolicy").flatMap((policy) =>
        ((policy.spec as Loose).rules ?? []).flatMap((rule: Loose) => rule.from.flatMap((from: Loose) => from.source.principals ?? [])),
      );
      for (const principal of principals) expect(principal).toMatch(/^[^/*]+\/ns\/[^/*]+\/sa\/[^/*]+$/);
    }));

  test("property 16: every JWT rule has exactly one key source, jwksUri being https", () =>
    property((objects) => {
      for (const rule of ofKind(objects, "RequestAuthentication").flatMap((ra) => (ra.spec as Loose).jwtRules)) {
        expect([rule.jwksUri, rule.jwks].filter((source) => source !== undefined)).toHaveLength(1);
        if (rule.jwksUri !== undefined) expect(rule.jwksUri).toMatch(/^https:\/\//);
      }
    }));

  test("property 19: ServiceEntries have DNS hosts, unique valid ports and Istio protocols, MESH_EXTERNAL", () =>
    property((objects) => {
      for (const entry of ofKind(objects, "ServiceEntry").map((se) => se.spec as Loose)) {
        for (const host of entry.hosts) expect(host).toMatch(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/);
        const numbers = entry.ports.map((port: Loose) => port.number);
        expect(new Set(numbers).size).toBe(numbers.length);
        expect(new Set(entry.ports.map((port: Loose) => port.name)).size).toBe(numbers.length);
        for (const port of entry.ports) {
          expect(port.number >= 1 && port.number <= 65535).toBe(true);
          expect(serviceEntryProtocols).toContain(port.protocol);
        }
        expect(entry.location).toBe("MESH_EXTERNAL");
      }
    }));

  test("property 21: the DestinationRule of each external host states TLS per port: verified SIMPLE with an SNI where the app speaks HTTP, HTTP2 or GRPC, DISABLE elsewhere", () =>
    property((objects) => {
      const rules = new Map(ofKind(objects, "DestinationRule").map((rule) => [`${rule.namespace}/${(rule.spec as Loose).host}`, rule.spec as Loose]));
      for (const entry of ofKind(objects, "ServiceEntry")) {
        for (const host of (entry.spec as Loose).hosts as string[]) {
          const policy = rules.get(`${entry.namespace}/${host}`)?.trafficPolicy;
          expect(policy.tls).toBeUndefined();
          for (const port of (entry.spec as Loose).ports) {
            const { tls } = policy.portLevelSettings.find((setting: Loose) => setting.port.number === port.number);
            if (!["HTTP", "HTTP2", "GRPC"].includes(port.protocol)) {
              expect(tls).toEqual({ mode: "DISABLE" });
              continue;
            }
            expect(tls.mode).toBe("SIMPLE");
            expect(typeof tls.sni).toBe("string");
            if (!host.startsWith("*.")) expect(tls.sni).toBe(host);
            expect(tls.insecureSkipVerify).toBe(false);
          }
        }
      }
    }));

  test("an external through the egress gateway: its ServiceEntry and DestinationRules reach istio-egress, its VirtualServices bind the mesh and its own Gateway", () =>
    property((objects, { mesh }) => {
      const gateways = new Set(ofKind(objects, "Gateway").map((gateway) => `${gateway.namespace}/${gateway.name}`));
      for (const external of mesh.externals.filter((candidate) => candidate.viaEgressGateway)) {
        const own = (object: IstioObject) => object.namespace === external.namespace;
        const entry = ofKind(objects, "ServiceEntry").find((se) => own(se) && se.name === external.name);
        expect((entry?.spec as Loose).exportTo).toContain("istio-egress");
        for (const rule of ofKind(objects, "DestinationRule").filter((dr) => own(dr) && external.hosts.includes((dr.spec as Loose).host))) expect((rule.spec as Loose).exportTo).toContain("istio-egress");
        const routes = ofKind(objects, "VirtualService").filter((vs) => own(vs) && egressGatewayBound(vs) && external.hosts.includes((vs.spec as Loose).hosts[0]));
        expect(routes).toHaveLength(external.hosts.length);
        for (const vs of routes) {
          const [sidecars, gateway] = (vs.spec as Loose).gateways;
          expect(sidecars).toBe("mesh");
          expect(gateways).toContain(gateway);
        }
      }
    }));

  test("every subset a route names is a subset of the destination's DestinationRule, in the route's namespace or exported to it from the egress gateway's", () =>
    property((objects) => {
      const rules = ofKind(objects, "DestinationRule").map((rule) => rule.spec as Loose);
      const subsets = new Map(ofKind(objects, "DestinationRule").map((rule) => [`${rule.namespace}/${(rule.spec as Loose).host}`, ((rule.spec as Loose).subsets ?? []).map((subset: Loose) => subset.name)]));
      for (const vs of ofKind(objects, "VirtualService")) {
        for (const destination of ((vs.spec as Loose).http as Loose[]).flatMap((route) => route.route ?? []).map((entry) => entry.destination)) {
          if (destination.subset === undefined) continue;
          const exported = rules.find((rule) => rule.host === destination.host && (rule.exportTo ?? []).includes(vs.namespace));
          expect(subsets.get(`${vs.namespace}/${destination.host}`) ?? exported?.subsets.map((subset: Loose) => subset.name)).toContain(destination.subset);
        }
      }
    }));

  test("no two objects share kind, namespace and name", () =>
    property((objects) => {
      expect(duplicateObjects(objects)).toEqual([]);
    }));

  test("faults appear only where the stack allows fault injection", () =>
    property((objects, { mesh }) => {
      if (!mesh.faultInjection) expect(httpRoutes(objects).filter((route) => route.fault !== undefined)).toEqual([]);
    }));
});
