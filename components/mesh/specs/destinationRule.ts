import type { ConnectionPool, MeshServiceSettings, OutlierDetection } from "../../../settings/mesh";
import { compact, serviceFqdn, type Spec } from "./common";

export function connectionPoolSpec(pool: ConnectionPool): Spec {
  return {
    tcp: { maxConnections: pool.maxConnections },
    http: compact({
      http1MaxPendingRequests: pool.http1MaxPendingRequests,
      http2MaxRequests: pool.http2MaxRequests,
      maxRequestsPerConnection: pool.maxRequestsPerConnection,
    }),
  };
}

export function outlierDetectionSpec(outlier: OutlierDetection): Spec {
  return { ...outlier };
}

/** Circuit breaking and Istio mTLS for traffic to a mesh service (and to its per-version Services). */
export function serviceTrafficPolicy(service: MeshServiceSettings): Spec {
  return {
    connectionPool: connectionPoolSpec(service.connectionPool),
    outlierDetection: outlierDetectionSpec(service.outlierDetection),
    tls: { mode: "ISTIO_MUTUAL" },
  };
}

/** A mesh service's DestinationRule: its FQDN, circuit breaking, Istio mTLS and one subset per version. */
export function serviceDestinationRuleSpec(service: MeshServiceSettings): Spec {
  return compact({
    host: serviceFqdn(service),
    trafficPolicy: serviceTrafficPolicy(service),
    subsets: service.subsets.length === 0 ? undefined : service.subsets.map((subset) => ({ name: subset.name, labels: { ...subset.labels } })),
  });
}
