/**
 * What each environment profile means when a stack file leaves a key out. The stack files state the
 * differences explicitly too; these defaults are what a new stack of that profile starts from.
 */

export const environments = ["dev", "staging", "prod"] as const;
export type Environment = (typeof environments)[number];

export interface ComputeResources {
  readonly requests: { readonly cpu: string; readonly memory: string };
  readonly limits: { readonly cpu: string; readonly memory: string };
}

export interface EnvironmentDefaults {
  readonly mtlsMode: "STRICT" | "PERMISSIVE";
  readonly outboundTrafficPolicy: "REGISTRY_ONLY" | "ALLOW_ANY";
  readonly protectIstioBase: boolean;
  /** Keep namespaces holding state or applications in the cluster when the stack drops them. */
  readonly retainNamespaces: boolean;
  /** Refuse to delete app namespaces. */
  readonly protectAppNamespaces: boolean;
  readonly istiod: { readonly autoscaleMin: number; readonly autoscaleMax: number; readonly resources: ComputeResources };
  readonly gateway: {
    readonly minReplicas: number;
    readonly maxReplicas: number;
    readonly podDisruptionBudgetMinAvailable?: number;
    readonly topologySpread: boolean;
    readonly resources: ComputeResources;
  };
}

const small: ComputeResources = { requests: { cpu: "50m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } };

export const environmentDefaults: Readonly<Record<Environment, EnvironmentDefaults>> = {
  dev: {
    mtlsMode: "PERMISSIVE",
    outboundTrafficPolicy: "ALLOW_ANY",
    protectIstioBase: false,
    retainNamespaces: false,
    protectAppNamespaces: false,
    istiod: { autoscaleMin: 1, autoscaleMax: 1, resources: { requests: { cpu: "100m", memory: "256Mi" }, limits: { cpu: "500m", memory: "1Gi" } } },
    gateway: { minReplicas: 1, maxReplicas: 1, topologySpread: false, resources: small },
  },
  staging: {
    mtlsMode: "STRICT",
    outboundTrafficPolicy: "REGISTRY_ONLY",
    protectIstioBase: false,
    retainNamespaces: false,
    protectAppNamespaces: false,
    istiod: { autoscaleMin: 1, autoscaleMax: 3, resources: { requests: { cpu: "250m", memory: "512Mi" }, limits: { cpu: "1000m", memory: "1Gi" } } },
    gateway: { minReplicas: 1, maxReplicas: 3, topologySpread: false, resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "1000m", memory: "1Gi" } } },
  },
  prod: {
    mtlsMode: "STRICT",
    outboundTrafficPolicy: "REGISTRY_ONLY",
    protectIstioBase: true,
    retainNamespaces: true,
    protectAppNamespaces: true,
    istiod: { autoscaleMin: 2, autoscaleMax: 5, resources: { requests: { cpu: "500m", memory: "1Gi" }, limits: { cpu: "2000m", memory: "2Gi" } } },
    gateway: {
      minReplicas: 2,
      maxReplicas: 10,
      podDisruptionBudgetMinAvailable: 1,
      topologySpread: true,
      resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2000m", memory: "1Gi" } },
    },
  },
};

/** Property 2 (policy-pack/README.md): limits of istiod and every gateway stay within these bounds. */
export const controlPlaneLimitBounds = {
  cpuMillicores: { min: 500, max: 2000, text: "500m to 2000m" },
  memoryBytes: { min: 512 * 2 ** 20, max: 2 * 2 ** 30, text: "512Mi to 2Gi" },
} as const;
