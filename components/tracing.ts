import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { TracingSettings } from "../settings/tracing";
import { jaegerChart } from "./addonCharts";
import { pinnedReleaseArgs } from "./helmRelease";
import { istioResource } from "./istioResource";
import { badgerVolume, jaegerValues } from "./jaegerValues";
import { istioRootNamespace, tracing as names } from "./names";
import { outsideMeshLabels } from "./istioRevisions";

export interface TracingArgs {
  /** Validated tracing settings: sampling, storage and resources. */
  readonly tracing: TracingSettings;
  /** Envoy access logging in the mesh-wide Telemetry (Istio's built-in `envoy` provider). */
  readonly accessLogging: boolean;
  /** The control plane's `base` release (Telemetry CRD) and `istiod` release (validation webhook). */
  readonly istioBase: pulumi.Resource;
  readonly istiod: pulumi.Resource;
  /** Keep `observability` (Jaeger's volume) in the cluster when the stack drops it. @defaultValue false */
  readonly retainNamespace?: boolean;
  /** Seconds Helm waits for the release before rolling it back. */
  readonly helmTimeoutSeconds: number;
}

/** The `spec` of the mesh-wide Telemetry: spans to the meshConfig provider at the stack's rate, and access logs. */
export function meshTelemetrySpec(samplingPercentage: number, accessLogging: boolean): Record<string, unknown> {
  return {
    tracing: [{ providers: [{ name: names.extensionProviderName }], randomSamplingPercentage: samplingPercentage }],
    ...(accessLogging ? { accessLogging: [{ providers: [{ name: "envoy" }] }] } : {}),
  };
}

/**
 * Jaeger (v2, all-in-one) in `observability`, with the PersistentVolumeClaim Badger needs, and the mesh-wide
 * `Telemetry` in Istio's root namespace that turns tracing on through the OpenTelemetry provider istiod's
 * meshConfig defines.
 */
export class Tracing extends pulumi.ComponentResource {
  readonly namespace: kubernetes.core.v1.Namespace;
  readonly release: kubernetes.helm.v3.Release;
  readonly telemetry: kubernetes.apiextensions.CustomResource;

  constructor(name: string, args: TracingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("istio-mesh:addons:Tracing", name, {}, opts);
    const { storage } = args.tracing;

    this.namespace = new kubernetes.core.v1.Namespace(
      `${name}-namespace`,
      { metadata: { name: names.namespace, labels: { ...outsideMeshLabels } } },
      { parent: this, retainOnDelete: args.retainNamespace ?? false },
    );
    const volume =
      storage.type === "badger"
        ? [
            new kubernetes.core.v1.PersistentVolumeClaim(
              `${name}-badger`,
              {
                metadata: { name: badgerVolume.claimName, namespace: names.namespace },
                spec: {
                  accessModes: ["ReadWriteOnce"],
                  ...(storage.volume.storageClassName === undefined ? {} : { storageClassName: storage.volume.storageClassName }),
                  resources: { requests: { storage: storage.volume.size } },
                },
              },
              // Spans outlive a replaced release; the claim is not deleted with the stack's other resources.
              { parent: this, dependsOn: [this.namespace], retainOnDelete: true },
            ),
          ]
        : [];
    this.release = new kubernetes.helm.v3.Release(
      `${name}-jaeger`,
      pinnedReleaseArgs(jaegerChart, jaegerValues(args.tracing), args.helmTimeoutSeconds),
      { parent: this, dependsOn: [this.namespace, ...volume] },
    );
    this.telemetry = istioResource(
      `${name}-mesh-telemetry`,
      { kind: "Telemetry", name: "mesh-default", namespace: istioRootNamespace, spec: meshTelemetrySpec(args.tracing.samplingPercentage, args.accessLogging) },
      this,
      { base: args.istioBase, istiod: args.istiod },
      [this.release],
    );

    this.registerOutputs({ namespace: this.namespace, release: this.release, telemetry: this.telemetry });
  }
}
