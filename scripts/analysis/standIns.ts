import { argocd, argocdComponentLabels } from "../../components/names";
import type { ArgocdSettings } from "../../settings/argocd";
import type { MeshServiceSettings } from "../../settings/meshTypes";

/**
 * Objects that exist only at runtime, supplied to the analysis so istioctl sees what a cluster would show it:
 * they are never resources of the stack. Each carries the `standInAnnotation` saying what it stands for.
 */

type Json = Record<string, unknown>;

export const standInAnnotation = "analysis.istio-mesh.dev/stand-in";

/** A stand-in object and the object of the stack (or the config key) it is derived from. */
export interface StandIn {
  readonly object: Json;
  /** What it stands for, e.g. `a Pod of Deployment istio-ingress/istio-ingressgateway`. */
  readonly standsFor: string;
  /** The object of the analysis input it comes from (`Kind namespace/name`), or the config key. */
  readonly derivedFrom: string;
}

const asRecord = (value: unknown): Json => (value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});

function metadataOf(object: Json): { name: string; namespace: string; labels: Json; annotations: Json } {
  const metadata = asRecord(object.metadata);
  return {
    name: String(metadata.name ?? ""),
    namespace: String(metadata.namespace ?? "default"),
    labels: asRecord(metadata.labels),
    annotations: asRecord(metadata.annotations),
  };
}

function standIn(object: Json, standsFor: string, derivedFrom: string): StandIn {
  const metadata = asRecord(object.metadata);
  return { object: { ...object, metadata: { ...metadata, annotations: { ...asRecord(metadata.annotations), [standInAnnotation]: standsFor } } }, standsFor, derivedFrom };
}

const proxyContainerName = "istio-proxy";

/**
 * The proxy image istiod's injector writes into pods, from its `istio-sidecar-injector` ConfigMap the way
 * istioctl's injection.ImageAnalyzer reads it (`<hub>/<proxy.image>:<tag>`, or `proxy.image` when it has a `/`).
 */
export function injectedProxyImage(objects: readonly Json[]): string | undefined {
  const injector = objects.find((object) => object.kind === "ConfigMap" && metadataOf(object).name.startsWith("istio-sidecar-injector"));
  if (injector === undefined) return undefined;
  try {
    const global = asRecord(asRecord(JSON.parse(String(asRecord(injector.data).values ?? "{}"))).global);
    const image = String(asRecord(global.proxy).image ?? "");
    return image.includes("/") ? image : `${String(global.hub)}/${image}:${String(global.tag)}`;
  } catch {
    return undefined;
  }
}

/**
 * One Pod per Deployment, from its pod template (labels, annotations, spec), in the Deployment's namespace:
 * istioctl matches Gateway, Sidecar and policy selectors and checks injection against Pods, not Deployments.
 * A pod runs after admission: an `istio-proxy` container with `image: auto` carries the image the injector
 * writes (whether the injector would match is istioctl's check of the Deployment itself).
 */
export function podStandIns(objects: readonly Json[], proxyImage: string | undefined): StandIn[] {
  return objects
    .filter((object) => object.kind === "Deployment")
    .map((deployment) => {
      const { name, namespace } = metadataOf(deployment);
      const template = asRecord(asRecord(deployment.spec).template);
      const { labels, annotations } = metadataOf(template);
      const spec = asRecord(template.spec);
      const containers = (Array.isArray(spec.containers) ? spec.containers : []).map((container: Json) =>
        container.name === proxyContainerName && container.image === "auto" && proxyImage !== undefined ? { ...container, image: proxyImage } : container,
      );
      const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: `${name}-stand-in`, namespace, labels, annotations }, spec: { ...spec, containers } };
      return standIn(pod, `a Pod of Deployment ${namespace}/${name}`, `Deployment ${namespace}/${name}`);
    });
}

/** The TLS Secret each cert-manager Certificate writes: name and type only, no key material. */
export function tlsSecretStandIns(objects: readonly Json[]): StandIn[] {
  return objects
    .filter((object) => object.kind === "Certificate" && String(object.apiVersion ?? "").startsWith("cert-manager.io/"))
    .map((certificate) => {
      const { name, namespace } = metadataOf(certificate);
      const secretName = String(asRecord(certificate.spec).secretName ?? name);
      const secret = { apiVersion: "v1", kind: "Secret", type: "kubernetes.io/tls", metadata: { name: secretName, namespace } };
      return standIn(secret, `the TLS Secret cert-manager writes for Certificate ${namespace}/${name}`, `Certificate ${namespace}/${name}`);
    });
}

/**
 * The application Service each `mesh.services[]` entry routes to: the app team deploys it, selecting its pods by
 * `app: <name>` on the configured port, named for HTTP as the routes treat it.
 */
export function appServiceStandIns(services: readonly MeshServiceSettings[]): StandIn[] {
  return services.map((service, index) => {
    const object = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: service.name, namespace: service.namespace, labels: { app: service.name } },
      spec: { selector: { app: service.name }, ports: [{ name: "http", port: service.port, targetPort: service.port, protocol: "TCP" }] },
    };
    return standIn(object, `the application Service ${service.namespace}/${service.name}`, `mesh.services[${index}]`);
  });
}

/**
 * The application's pods each `mesh.services[]` entry routes to, as the config describes them: labelled
 * `app: <name>`, one per subset with that subset's labels (one without subsets), running as service account
 * `<name>`, with the injected proxy (the app namespaces are injected).
 */
export function appPodStandIns(services: readonly MeshServiceSettings[], proxyImage: string | undefined): StandIn[] {
  return services.flatMap((service, index) => {
    const variants = service.subsets.length === 0 ? [{ suffix: "", labels: {} }] : service.subsets.map((subset) => ({ suffix: `-${subset.name}`, labels: subset.labels }));
    return variants.map((variant) => {
      const name = `${service.name}${variant.suffix}-stand-in`;
      const pod = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name, namespace: service.namespace, labels: { app: service.name, ...variant.labels } },
        spec: {
          serviceAccountName: service.name,
          containers: [
            { name: service.name, image: `stand-in/${service.name}`, ports: [{ containerPort: service.port }] },
            ...(proxyImage === undefined ? [] : [{ name: proxyContainerName, image: proxyImage }]),
          ],
        },
      };
      return standIn(pod, `a pod of the application ${service.namespace}/${service.name}${variant.suffix ? ` (subset ${variant.suffix.slice(1)})` : ""}`, `mesh.services[${index}]`);
    });
  });
}

interface ArgocdWorkload {
  readonly labels: Record<string, string>;
  readonly serviceAccount: string;
  /** The Service in front of it, with its ports (name, port, target port), when it has one the mesh routes to. */
  readonly service?: { readonly name: string; readonly ports: ReadonlyArray<readonly [string, number, number]> };
}

/** Argo CD's workloads as the argo-cd chart (release `argocd`) runs them in the stack's Argo CD namespace. */
function argocdWorkloads(settings: ArgocdSettings): ArgocdWorkload[] {
  const { server, repoServer, controller, applicationSet, notifications, dex, redis, redisHa } = argocd;
  const component = (names: { readonly name: string; readonly serviceAccount: string }, service?: ArgocdWorkload["service"]) => ({
    labels: argocdComponentLabels(names),
    serviceAccount: names.serviceAccount,
    service,
  });
  const redisWorkloads: ArgocdWorkload[] = settings.highAvailability
    ? [
        { labels: { ...redisHa.haproxyLabels }, serviceAccount: redisHa.haproxyServiceAccount, service: { name: "argocd-redis-ha-haproxy", ports: [["tcp-haproxy", redis.port, redis.port]] } },
        { labels: { ...redisHa.serverLabels }, serviceAccount: redisHa.serverServiceAccount, service: { name: "argocd-redis-ha", ports: [["tcp-server", redis.port, redis.port], ["tcp-sentinel", 26379, 26379]] } },
      ]
    : [{ labels: argocdComponentLabels(redis), serviceAccount: "default", service: { name: redis.name, ports: [["tcp-redis", redis.port, redis.port]] } }];
  return [
    component(server, { name: server.name, ports: [["http", server.servicePort, server.port], ["https", 443, server.port]] }),
    component(repoServer, { name: repoServer.name, ports: [["tcp-repo-server", repoServer.port, repoServer.port]] }),
    component(controller),
    component(applicationSet),
    component(notifications),
    ...(settings.dex.enabled ? [component(dex, { name: dex.name, ports: [["http", dex.ports[0], dex.ports[0]], ["grpc", dex.ports[1], dex.ports[1]]] })] : []),
    ...redisWorkloads,
  ];
}

/**
 * The pods and Services of Argo CD (the release the stack installs, or the instance that runs in the namespace), named
 * and labelled as the argo-cd chart names them, with the injected proxy: the stack's ALLOW rules, Sidecars and the
 * ingress route select and name them.
 */
export function argocdStandIns(settings: ArgocdSettings, proxyImage: string | undefined): StandIn[] {
  if (!settings.enabled) return [];
  const { namespace } = settings;
  return argocdWorkloads(settings).flatMap((workload) => {
    const name = workload.labels["app.kubernetes.io/name"] ?? workload.labels.app;
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${name}-stand-in`, namespace, labels: { ...workload.labels } },
      spec: {
        serviceAccountName: workload.serviceAccount,
        containers: [
          { name, image: `stand-in/${name}`, ports: (workload.service?.ports ?? []).map(([, , target]) => ({ containerPort: target })) },
          ...(proxyImage === undefined ? [] : [{ name: proxyContainerName, image: proxyImage }]),
        ],
      },
    };
    const service = workload.service && {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: workload.service.name, namespace },
      spec: { selector: { ...workload.labels }, ports: workload.service.ports.map(([portName, port, targetPort]) => ({ name: portName, port, targetPort, protocol: "TCP" })) },
    };
    return [
      standIn(pod, `a pod of Argo CD's ${name}`, "argocd"),
      ...(service === undefined ? [] : [standIn(service, `Argo CD's Service ${namespace}/${workload.service?.name}`, "argocd")]),
    ];
  });
}
