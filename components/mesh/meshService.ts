import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { MeshServiceSettings } from "../../settings/mesh";
import { gatewayApiResource } from "../gatewayApi/gatewayApiResource";
import { type ControlPlaneDependencies, istioResource } from "../istio/istioResource";
import type { GatewayApiBinding } from "./specs/gatewayApi";
import { serviceIngressRouteObjects } from "./specs/httpRoute";
import { meshServiceObjects } from "./specs/serviceObjects";

export interface MeshServiceArgs {
  /** The service's validated settings: routes, subsets, resilience, CORS, JWT and callers. */
  readonly service: MeshServiceSettings;
  /** The stack allows fault injection (dev, or the chaos flag); otherwise configured faults are left out. */
  readonly faultInjection: boolean;
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
  /** The app namespace the service runs in (from AppNamespaces). */
  readonly namespace: kubernetes.core.v1.Namespace;
  /** The ingress Gateway as `<namespace>/<name>` and its resource; with the Istio ingress, required when the service has ingress hosts. */
  readonly ingressGateway?: { readonly reference: string; readonly resource: pulumi.Resource };
  /**
   * The Gateway API ingress instead: where its routes attach, the Gateway resource and the CRDs (empty when the
   * cluster provides them). @defaultValue none
   */
  readonly gatewayApiIngress?: { readonly binding: GatewayApiBinding; readonly resource: pulumi.Resource; readonly crds: readonly pulumi.Resource[] };
}

/** Problems with the arguments, e.g. ingress hosts without a Gateway to bind them to. */
export function meshServiceArgsProblems(args: Pick<MeshServiceArgs, "service" | "ingressGateway" | "gatewayApiIngress">): string[] {
  const { service } = args;
  const gateways = [args.ingressGateway, args.gatewayApiIngress].filter((gateway) => gateway !== undefined).length;
  if (service.hosts.length > 0 && gateways === 0) return [`service ${service.namespace}/${service.name} has ingress hosts ${service.hosts.join(", ")} but no ingress Gateway was given`];
  return gateways > 1 ? [`service ${service.namespace}/${service.name} was given both an Istio and a Gateway API ingress Gateway`] : [];
}

/**
 * One service of the mesh: its DestinationRule (subsets, circuit breaking, mTLS), the VirtualServices for mesh
 * and ingress traffic (created after the DestinationRule whose subsets they name: make-before-break), and its
 * JWT validation and ALLOW policy.
 */
export class MeshService extends pulumi.ComponentResource {
  readonly destinationRule: kubernetes.apiextensions.CustomResource;
  readonly virtualService: kubernetes.apiextensions.CustomResource;
  readonly ingressVirtualService?: kubernetes.apiextensions.CustomResource;
  readonly requestAuthentication?: kubernetes.apiextensions.CustomResource;
  readonly authorizationPolicy?: kubernetes.apiextensions.CustomResource;
  /** Gateway API ingress: the HTTPRoute `<service>-ingress`. */
  readonly httpRoute?: kubernetes.apiextensions.CustomResource;
  /** Gateway API ingress: a Service per routed version, which the HTTPRoute weights, and its DestinationRule. */
  readonly versionServices: readonly kubernetes.core.v1.Service[];
  readonly versionDestinationRules: readonly kubernetes.apiextensions.CustomResource[];

  constructor(name: string, args: MeshServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    const problems = meshServiceArgsProblems(args);
    if (problems.length > 0) throw new Error(`MeshService ${name}: ${problems.join("; ")}`);
    super("istio-mesh:mesh:MeshService", name, {}, opts);
    const { controlPlane, namespace, ingressGateway, service } = args;
    const objects = meshServiceObjects(args.service, args.faultInjection, ingressGateway?.reference);
    const create = (suffix: string, object: Parameters<typeof istioResource>[1], dependsOn: pulumi.Resource[] = []) =>
      istioResource(`${name}-${suffix}`, object, this, controlPlane, [namespace, ...dependsOn]);

    this.destinationRule = create("destination-rule", objects.destinationRule);
    this.virtualService = create("virtual-service", objects.virtualService, [this.destinationRule]);
    if (objects.ingressVirtualService && ingressGateway) {
      this.ingressVirtualService = create("ingress-virtual-service", objects.ingressVirtualService, [this.destinationRule, ingressGateway.resource]);
    }
    const routeObjects = args.gatewayApiIngress && service.hosts.length > 0 ? serviceIngressRouteObjects(service, args.gatewayApiIngress.binding) : undefined;
    this.versionServices = (routeObjects?.versionServices ?? []).map(
      (object) => new kubernetes.core.v1.Service(`${name}-${object.name}-service`, { metadata: { name: object.name, namespace: object.namespace, labels: { ...object.labels } }, spec: object.spec }, { parent: this, dependsOn: [namespace] }),
    );
    this.versionDestinationRules = (routeObjects?.versionDestinationRules ?? []).map((object, i) => create(`${object.name}-destination-rule`, object, [this.versionServices[i]]));
    if (routeObjects && args.gatewayApiIngress) {
      // Make-before-break: the route waits for every Service and DestinationRule it sends traffic to.
      const backends = [this.destinationRule, ...this.versionServices, ...this.versionDestinationRules];
      this.httpRoute = gatewayApiResource(`${name}-http-route`, routeObjects.httpRoute, this, controlPlane, args.gatewayApiIngress.crds, [namespace, args.gatewayApiIngress.resource, ...backends]);
    }
    if (objects.requestAuthentication) this.requestAuthentication = create("request-authentication", objects.requestAuthentication);
    if (objects.authorizationPolicy) this.authorizationPolicy = create("authorization-policy", objects.authorizationPolicy);

    this.registerOutputs({
      destinationRule: this.destinationRule,
      virtualService: this.virtualService,
      ingressVirtualService: this.ingressVirtualService,
      requestAuthentication: this.requestAuthentication,
      authorizationPolicy: this.authorizationPolicy,
      httpRoute: this.httpRoute,
      versionServices: this.versionServices,
      versionDestinationRules: this.versionDestinationRules,
    });
  }
}
