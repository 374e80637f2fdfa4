import type { Environment } from "./environments";
import { describeValue } from "./errors";
import type { ConnectionPool, OutlierDetection } from "./meshTypes";

/** What the mesh settings need from the rest of the stack config. */
export interface MeshContext {
  readonly environment: Environment;
  /** Names declared in `istio-mesh:namespaces`. */
  readonly namespaces: readonly string[];
  /** Whether the stack installs the egress gateway (`istio.egressGateway.enabled`). */
  readonly egressGatewayEnabled: boolean;
}

export const defaultConnectionPool: ConnectionPool = { maxConnections: 100, http1MaxPendingRequests: 100, http2MaxRequests: 1000 };
export const defaultOutlierDetection: OutlierDetection = { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 };

export function checkNamespace(key: string, namespace: string, context: MeshContext, problems: string[]): void {
  if (!context.namespaces.includes(namespace)) {
    problems.push(`${key}: expected an app namespace declared in istio-mesh:namespaces (${describeValue(context.namespaces)}), got ${describeValue(namespace)}`);
  }
}

/** Reports every item of `items` whose `identity` was seen at an earlier index. */
export function checkUnique<T>(items: readonly T[], identity: (item: T) => string, problem: (item: T, index: number) => string, problems: string[]): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const id = identity(item);
    if (seen.has(id)) problems.push(problem(item, index));
    seen.add(id);
  });
}
