import { defineResourcePolicy } from "../../lib/definePolicy";
import { isGatewayRelease, isIstiodRelease, releaseValues } from "../../lib/helmReleases";
import { Finding } from "../../lib/messages";
import { asRecord, Json } from "../../lib/values";

interface HighAvailabilityConfig {
  readonly requireHighAvailability: boolean;
  /** Minimum number of replicas istiod and each gateway keep. */
  readonly minReplicas: number;
}

interface ReplicaFloor {
  readonly path: string;
  readonly value: unknown;
}

/** The autoscaler minimum while autoscaling is on (the charts' default), the fixed replica count otherwise. */
function replicaFloor(values: Json, autoscalingEnabled: unknown, autoscaleMin: ReplicaFloor): ReplicaFloor {
  return autoscalingEnabled === false ? { path: "values.replicaCount", value: values.replicaCount } : autoscaleMin;
}

function checkFloor(floor: ReplicaFloor, minReplicas: number): Finding[] {
  const value = floor.value;
  return typeof value === "number" && value >= minReplicas
    ? []
    : [{ path: floor.path, found: value, expected: `at least ${minReplicas}`, fix: `Run at least ${minReplicas} replicas.` }];
}

/** Production control plane and gateways survive a node loss and voluntary disruptions. */
export const requireHighAvailability = defineResourcePolicy<HighAvailabilityConfig>({
  name: "istio-helmrelease-require-high-availability",
  description:
    "Where `requireHighAvailability` is true (prod), istiod must keep `autoscaleMin` ≥ minReplicas and every " +
    "gateway `autoscaling.minReplicas` ≥ minReplicas with a `podDisruptionBudget`. Raise the replica minimums and " +
    "set podDisruptionBudget (e.g. minAvailable: 1).",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: {
    properties: {
      requireHighAvailability: { type: "boolean", default: false, description: "Enforce replica minimums and PDBs." },
      minReplicas: { type: "integer", minimum: 1, default: 2, description: "Replica floor for istiod and gateways." },
    },
  },
  kinds: ["HelmRelease"],
  check: (release, config) => {
    if (!config.requireHighAvailability) {
      return [];
    }
    const values = releaseValues(release);
    if (isIstiodRelease(release)) {
      return checkFloor(
        replicaFloor(values, values.autoscaleEnabled, { path: "values.autoscaleMin", value: values.autoscaleMin }),
        config.minReplicas,
      );
    }
    if (!isGatewayRelease(release)) {
      return [];
    }
    const autoscaling = asRecord(values.autoscaling);
    const findings = checkFloor(
      replicaFloor(values, autoscaling.enabled, { path: "values.autoscaling.minReplicas", value: autoscaling.minReplicas }),
      config.minReplicas,
    );
    if (Object.keys(asRecord(values.podDisruptionBudget)).length === 0) {
      findings.push({ path: "values.podDisruptionBudget", found: values.podDisruptionBudget, expected: "a PodDisruptionBudget such as {minAvailable: 1}", fix: "Set values.podDisruptionBudget." });
    }
    return findings;
  },
});
