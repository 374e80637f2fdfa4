import fc from "fast-check";
import { type ObservabilityInput, validObservabilityInput } from "./observabilityInput";
import { alphanumericLabel } from "./labels";

/** A valid add-on config with one combination that cannot work, and the config key the error must name. */
export interface ObservabilityBreakage {
  readonly config: ObservabilityInput;
  readonly key: string;
}

type Mutation = (config: ObservabilityInput) => fc.Arbitrary<ObservabilityBreakage>;

const mutations: readonly Mutation[] = [
  (config) =>
    fc.oneof(fc.double({ min: 100.000001, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: -0.000001, noNaN: true })).map((sampling) => ({
      config: { ...config, tracing: { ...config.tracing, samplingPercentage: sampling } },
      key: "tracing.samplingPercentage",
    })),
  (config) =>
    fc.constant({
      config: { ...config, monitoring: { ...config.monitoring, enabled: false }, kiali: { ...config.kiali, enabled: true } },
      key: "kiali.enabled",
    }),
  (config) =>
    fc.constantFrom("dns01", "http01").map((solver) => ({
      config: {
        ...config,
        certManager: { ...config.certManager, issuer: { type: "acme", acme: { solver, dns01: { provider: "cloudflare", apiTokenSecretName: "cf" } } } },
        mesh: { ingress: { hosts: [], acmeHttp01: true } },
      },
      key: "certManager.issuer.acme.email",
    })),
  (config) =>
    fc.uniqueArray(alphanumericLabel(0, 8).map((label) => `${label}.example.com`), { minLength: 1, maxLength: 3 }).map((hosts) => ({
      config: { ...config, certManager: { ...config.certManager, enabled: false }, mesh: { ingress: { hosts } } },
      key: "mesh.ingress.hosts",
    })),
  (config) =>
    fc.constant({
      config: { ...config, environment: config.environment === "dev" ? "staging" : config.environment, kiali: { ...config.kiali, authStrategy: "anonymous" } },
      key: "kiali.authStrategy",
    }),
  (config) =>
    fc.constant({
      config: {
        ...config,
        environment: "prod",
        certManager: { ...config.certManager, replicas: 2, issuer: { type: "selfSigned" } },
        monitoring: { ...config.monitoring, prometheus: { ...config.monitoring.prometheus, replicas: 2, persistence: { enabled: true } } },
        tracing: { ...config.tracing, storage: { type: "memory" } },
      },
      key: "tracing.storage.type",
    }),
  (config) =>
    fc.integer({ min: 1, max: 1000 }).map((mebibytes) => ({
      config: { ...config, environment: config.environment === "prod" ? "staging" : config.environment, tracing: { ...config.tracing, storage: { type: "memory", maxTraces: 10_000_000 }, resources: { limits: { memory: `${mebibytes}Mi` }, requests: { memory: "1Mi", cpu: "10m" } } } },
      key: "tracing.storage.maxTraces",
    })),
  (config) =>
    fc.constantFrom("certManager", "tracing", "kiali").map((addon) => ({
      config: { ...config, [addon]: { ...config[addon], resources: { requests: { cpu: "2" }, limits: { cpu: "1500m" } } } },
      key: `${addon}.resources.requests.cpu`,
    })),
];

export const observabilityBreakage: fc.Arbitrary<ObservabilityBreakage> = fc
  .tuple(validObservabilityInput, fc.integer({ min: 0, max: mutations.length - 1 }))
  .chain(([config, index]) => mutations[index](config));
