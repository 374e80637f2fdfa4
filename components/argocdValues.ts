import type { ArgocdSettings } from "../settings/argocd";
import { argocdNotificationsSecretName } from "../settings/argocd";
import type { ComputeResources } from "../settings/environments";
import { resourceValues } from "./addonCharts";
import { istioHealthChecks } from "./argocdHealthChecks";
import { argocdNotificationConfig } from "./argocdNotifications";

/**
 * Values of the argo-cd chart 10.1.1 (keys checked against its values.yaml by the values-key conformance test).
 * The server serves plain HTTP (`server.insecure`): TLS ends at the ingress gateway and the hop to the server is
 * Istio mTLS. The stack writes the notifications Secret itself, so no URL or key sits in the release's values.
 */

/** The `argocd-cm` entries the stack owns: the Istio health checks, and the URL users reach Argo CD at. */
export function argocdConfigEntries(settings: Pick<ArgocdSettings, "host">): Record<string, string> {
  return { ...(settings.host === undefined ? {} : { url: `https://${settings.host}` }), ...istioHealthChecks() };
}

const pdb = (enabled: boolean) => (enabled ? { enabled: true, minAvailable: 1 } : { enabled: false });

/**
 * The chart's Redis init Job only writes the Redis password Secret through the Kubernetes API; it runs as a Helm hook
 * before anything else and, with a sidecar that never exits (before Kubernetes' native sidecars), would never
 * finish. It stays out of the mesh: it calls no mesh service and nothing calls it.
 */
const outOfMesh = { "sidecar.istio.io/inject": "false" };

function redisValues(settings: ArgocdSettings, resources: ComputeResources): Record<string, unknown> {
  if (!settings.highAvailability) return { redis: { enabled: true, resources: resourceValues(resources) }, "redis-ha": { enabled: false } };
  return {
    redis: { enabled: false },
    // Three Redis servers with sentinels and HAProxy in front (the subchart's defaults), each on its own node.
    "redis-ha": {
      enabled: true,
      redis: { resources: resourceValues(resources) },
      sentinel: { resources: resourceValues(resources) },
      haproxy: { resources: resourceValues(resources) },
    },
  };
}

export function argocdValues(settings: ArgocdSettings): Record<string, unknown> {
  const { replicas, resources, highAvailability } = settings;
  const notifications = argocdNotificationConfig(settings.notifications);
  return {
    ...(settings.host === undefined ? {} : { global: { domain: settings.host } }),
    crds: { install: true, keep: true },
    configs: {
      cm: argocdConfigEntries(settings),
      params: { "server.insecure": true },
    },
    controller: { replicas: replicas.controller, resources: resourceValues(resources.controller), pdb: pdb(highAvailability) },
    server: { replicas: replicas.server, resources: resourceValues(resources.server), pdb: pdb(highAvailability) },
    repoServer: { replicas: replicas.repoServer, resources: resourceValues(resources.repoServer), pdb: pdb(highAvailability) },
    applicationSet: { replicas: replicas.applicationSet, resources: resourceValues(resources.applicationSet), pdb: pdb(highAvailability) },
    dex: { enabled: settings.dex.enabled, resources: resourceValues(resources.dex) },
    ...redisValues(settings, resources.redis),
    redisSecretInit: { resources: resourceValues(resources.redis), podLabels: { ...outOfMesh } },
    notifications: {
      enabled: true,
      resources: resourceValues(resources.notifications),
      ...(settings.host === undefined ? {} : { argocdUrl: `https://${settings.host}` }),
      ...(settings.notifications.enabled
        ? {
            secret: { create: false, name: argocdNotificationsSecretName },
            notifiers: pick(notifications, "service."),
            templates: pick(notifications, "template."),
            triggers: pick(notifications, "trigger."),
          }
        : {}),
    },
  };
}

function pick(entries: Record<string, string>, prefix: string): Record<string, string> {
  return Object.fromEntries(Object.entries(entries).filter(([key]) => key.startsWith(prefix)));
}
