import fc from "fast-check";
import { stackSettingsInputFor, validStackSettingsInput, type StackSettingsInput } from "./stackSettingsInput";

/** A valid config with exactly one thing broken, and the config key the error must name. */
export interface Breakage {
  readonly config: Record<string, unknown>;
  readonly key: string;
}

type Mutation = (config: StackSettingsInput) => fc.Arbitrary<Breakage>;

const clone = (config: StackSettingsInput) => structuredClone(config) as StackSettingsInput & { istio: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const component = fc.constantFrom(
  { key: "istio.istiod", at: (istio: Record<string, any>) => istio.istiod }, // eslint-disable-line @typescript-eslint/no-explicit-any
  { key: "istio.ingressGateway", at: (istio: Record<string, any>) => istio.ingressGateway }, // eslint-disable-line @typescript-eslint/no-explicit-any
  { key: "istio.egressGateway", at: (istio: Record<string, any>) => istio.egressGateway }, // eslint-disable-line @typescript-eslint/no-explicit-any
);

const mutations: Mutation[] = [
  (config) =>
    fc.constantFrom<unknown>("two", 1.5, 0, -1, null, true).map((bad) => {
      const broken = clone(config);
      broken.istio.istiod.autoscaleMin = bad;
      return { config: broken, key: "istio.istiod.autoscaleMin" };
    }),
  (config) =>
    fc.tuple(component, fc.constantFrom("3", "100m", "2500m", "499m", "lots", "")).map(([{ key, at }, bad]) => {
      const broken = clone(config);
      at(broken.istio).resources.limits.cpu = bad;
      return { config: broken, key: `${key}.resources.limits.cpu` };
    }),
  (config) =>
    fc.tuple(component, fc.constantFrom("256Mi", "3Gi", "511Mi", "2049Mi", "8G")).map(([{ key, at }, bad]) => {
      const broken = clone(config);
      at(broken.istio).resources.limits.memory = bad;
      return { config: broken, key: `${key}.resources.limits.memory` };
    }),
  (config) =>
    component.map(({ key, at }) => {
      const broken = clone(config);
      const resources = at(broken.istio).resources;
      resources.requests.cpu = "2001m";
      resources.limits.cpu = "2000m";
      return { config: broken, key: `${key}.resources.requests.cpu` };
    }),
  (config) =>
    fc.constantFrom("mtlsMode", "outboundTrafficPolicy").chain((field) =>
      fc.constantFrom("strict", "DISABLE", "registry_only", 1).map((bad) => {
        const broken = clone(config);
        broken.istio[field] = bad;
        return { config: broken, key: `istio.${field}` };
      }),
    ),
  (config) =>
    fc.constantFrom("autoscalemin", "replicas", "autoScaleMax").map((typo) => {
      const broken = clone(config);
      broken.istio.istiod[typo] = 2;
      return { config: broken, key: `istio.istiod.${typo}` };
    }),
  (config) =>
    fc.constantFrom("Shop", "-shop", "shop_1", "a".repeat(64), "istio-system").map((bad) => {
      const broken = clone(config);
      broken.namespaces = [...broken.namespaces, { name: bad }];
      return { config: broken, key: `namespaces[${broken.namespaces.length - 1}].name` };
    }),
  (config) =>
    fc.constantFrom("rev-gone", "default").map((missing) => {
      const broken = clone(config);
      broken.istio.revisionTags = { ...broken.istio.revisionTags, "tag-orphan": missing };
      return { config: broken, key: "istio.revisionTags.tag-orphan" };
    }),
  (config) =>
    fc.constantFrom("tag-unknown", "rev-unknown").map((unserved) => {
      const broken = clone(config);
      broken.namespaces = [...broken.namespaces, { name: "canary-tests", revision: unserved }];
      return { config: broken, key: `namespaces[${broken.namespaces.length - 1}].revision` };
    }),
  (config) =>
    fc.constant(null).map(() => {
      const broken = clone(config);
      const gateway = broken.istio.ingressGateway;
      gateway.minReplicas = Math.max(gateway.minReplicas, 2);
      gateway.maxReplicas = gateway.minReplicas - 1;
      return { config: broken, key: "istio.ingressGateway.maxReplicas" };
    }),
  (config) =>
    fc.constantFrom("production", "Dev", "").map((bad) => ({ config: { ...clone(config), environment: bad }, key: "environment" })),
];

/** One mutation of a valid config, drawn across every kind of breakage above. */
export const stackSettingsBreakage: fc.Arbitrary<Breakage> = validStackSettingsInput.chain((config) =>
  fc.oneof(...mutations.map((mutate) => mutate(config))),
);

/** Prod configs without the high availability prod requires. */
export const prodWithoutHighAvailability: fc.Arbitrary<Breakage> = stackSettingsInputFor("prod").chain((config) =>
    fc.constantFrom(
      { key: "istio.istiod.autoscaleMin", apply: (istio: Record<string, any>) => { istio.istiod.autoscaleMin = 1; } }, // eslint-disable-line @typescript-eslint/no-explicit-any
      { key: "istio.ingressGateway.minReplicas", apply: (istio: Record<string, any>) => { istio.ingressGateway.minReplicas = 1; delete istio.ingressGateway.podDisruptionBudgetMinAvailable; } }, // eslint-disable-line @typescript-eslint/no-explicit-any
      { key: "istio.egressGateway.topologySpread", apply: (istio: Record<string, any>) => { istio.egressGateway.topologySpread = false; } }, // eslint-disable-line @typescript-eslint/no-explicit-any
    ).map(({ key, apply }) => {
      const broken = clone(config);
      apply(broken.istio);
      return { config: broken, key };
    }),
  );
