import { parseMemoryBytes } from "../../settings/quantity";
import type { TraceStorage, TracingSettings } from "../../settings/tracing";
import { resourceValues } from "./addonCharts";
import { jaegerPorts, tracing as names } from "../names";

/** The volume the stack creates for Badger (the chart creates none), and where the pod mounts it. */
export const badgerVolume = Object.freeze({ claimName: "jaeger-badger", volumeName: "badger-data", mountPath: "/badger" });

const storeName = "primary_store";

function backend(storage: TraceStorage): Record<string, unknown> {
  switch (storage.type) {
    case "memory":
      return { memory: { max_traces: storage.maxTraces } };
    case "badger":
      return {
        badger: {
          directories: { keys: `${badgerVolume.mountPath}/keys`, values: `${badgerVolume.mountPath}/values` },
          ephemeral: false,
          ttl: { spans: storage.retention },
        },
      };
    case "elasticsearch":
      return { elasticsearch: { server_urls: [storage.url] } };
  }
}

/**
 * Jaeger v2's collector configuration. `userconfig` replaces the chart's whole config, so it restates what the
 * default had: the OTLP receivers Envoy sends to, the query extension the UI and Kiali read from, and the
 * health check the chart's probes call (port 13133, /status).
 */
export function jaegerUserConfig(storage: TraceStorage): Record<string, unknown> {
  return {
    service: {
      extensions: ["jaeger_storage", "jaeger_query", "healthcheckv2"],
      pipelines: { traces: { receivers: ["otlp"], processors: ["batch"], exporters: ["jaeger_storage_exporter"] } },
    },
    extensions: {
      healthcheckv2: { use_v2: true, http: { endpoint: "0.0.0.0:13133" } },
      jaeger_query: {
        storage: { traces: storeName },
        http: { endpoint: `0.0.0.0:${jaegerPorts.queryHttp}` },
        grpc: { endpoint: `0.0.0.0:${jaegerPorts.queryGrpc}` },
      },
      jaeger_storage: { backends: { [storeName]: backend(storage) } },
    },
    receivers: {
      otlp: {
        protocols: {
          grpc: { endpoint: `0.0.0.0:${names.otlpGrpcPort}` },
          http: { endpoint: `0.0.0.0:${jaegerPorts.otlpHttp}` },
        },
      },
    },
    processors: { batch: {} },
    exporters: { jaeger_storage_exporter: { trace_storage: storeName } },
  };
}

/**
 * The Go runtime's soft memory limit (GOMEMLIMIT, in MiB): 80% of the container's limit, so that the garbage collector
 * works harder as the pod nears its limit instead of the kernel killing it there.
 */
export function goMemoryLimit(limitMemory: string): string {
  return `${Math.floor(((parseMemoryBytes(limitMemory) ?? 0) * 0.8) / 2 ** 20)}MiB`;
}

/** Values of the jaeger release: one all-in-one pod named after `fullnameOverride`, its storage in `userconfig`. */
export function jaegerValues(settings: TracingSettings): Record<string, unknown> {
  const badger = settings.storage.type === "badger";
  return {
    fullnameOverride: names.serviceName,
    userconfig: jaegerUserConfig(settings.storage),
    jaeger: {
      resources: resourceValues(settings.resources),
      extraEnv: [{ name: "GOMEMLIMIT", value: goMemoryLimit(settings.resources.limits.memory) }],
      ...(badger
        ? {
            extraVolumes: [{ name: badgerVolume.volumeName, persistentVolumeClaim: { claimName: badgerVolume.claimName } }],
            extraVolumeMounts: [{ name: badgerVolume.volumeName, mountPath: badgerVolume.mountPath }],
          }
        : {}),
    },
  };
}
