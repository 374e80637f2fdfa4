import type * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { MeshSettings } from "../settings/mesh";
import { EgressGatewayPolicy } from "./egressGatewayPolicy";
import { GatewayApiIngress } from "./gatewayApiIngress";
import { IngressRateLimit } from "./ingressRateLimit";
import type { ControlPlaneDependencies } from "./istioResource";
import { MeshEgress } from "./meshEgress";
import { MeshIngress } from "./meshIngress";
import { duplicateObjects, gatewayApiIngress, meshObjects } from "./meshSpecs/meshObjects";
import { MeshService } from "./meshService";
import { NamespaceSecurity } from "./namespaceSecurity";

export interface MeshArgs {
  /** Services, ingress, externals and rate limits (`istio-mesh:mesh`). */
  readonly mesh: MeshSettings;
  /** Namespace-wide mTLS mode of the app namespaces (`istio.mtlsMode`). */
  readonly mtlsMode: "STRICT" | "PERMISSIVE";
  /** The app namespaces by name (AppNamespaces.namespaces); every service and external lives in one. */
  readonly namespaces: Readonly<Record<string, kubernetes.core.v1.Namespace>>;
  /** App namespaces whose workloads call the Kubernetes API (`namespaces[].kubernetesApi`). @defaultValue [] */
  readonly kubernetesApiNamespaces?: readonly string[];
  /** `base` and `istiod` releases every Istio resource waits for. */
  readonly controlPlane: ControlPlaneDependencies;
  /** The ingress gateway's namespace (`istio-ingress`): the Gateway and the rate limit live there. */
  readonly ingressGatewayNamespace: kubernetes.core.v1.Namespace;
  /**
   * The egress gateway's namespace (`istio-egress`), when installed: its AuthorizationPolicy and DestinationRule,
   * and the Gateways of externals with `viaEgressGateway`, live there. @defaultValue none
   */
  readonly egressGatewayNamespace?: kubernetes.core.v1.Namespace;
  /** The cert-manager Certificates writing the ingress TLS secrets; the Gateway waits for them. @defaultValue none */
  readonly certificates?: readonly pulumi.Resource[];
  /**
   * With `mesh.ingress.api: gateway-api`, the Gateway API CRDs the stack installs, which every Gateway API object
   * waits for; empty when the cluster provides them. @defaultValue []
   */
  readonly gatewayApiCrds?: readonly pulumi.Resource[];
  /** Namespaces beyond the app namespaces whose routes the Gateway API ingress admits (Argo CD's). @defaultValue [] */
  readonly routeNamespaces?: readonly string[];
}

/** Names of app namespaces the mesh settings use that `namespaces` does not have. */
export function missingNamespaces(args: Pick<MeshArgs, "mesh" | "namespaces">): string[] {
  const used = [...args.mesh.services, ...args.mesh.externals].map((item) => item.namespace);
  return [...new Set(used)].filter((name) => args.namespaces[name] === undefined);
}

/**
 * The mesh resources of a stack: security per app namespace, the ingress Gateway, one MeshService per service,
 * the egress gateway's policy (when installed), one MeshEgress per external dependency and the ingress rate limit.
 */
export class Mesh extends pulumi.ComponentResource {
  readonly namespaceSecurity: Readonly<Record<string, NamespaceSecurity>>;
  /** The Istio ingress Gateway (`mesh.ingress.api: istio`). */
  readonly ingress?: MeshIngress;
  /** The Gateway API ingress Gateway (`mesh.ingress.api: gateway-api`). */
  readonly gatewayApiIngress?: GatewayApiIngress;
  readonly services: readonly MeshService[];
  /** When the egress gateway is installed: who may use it, and the sidecars' mTLS to it. */
  readonly egressGateway?: EgressGatewayPolicy;
  readonly externals: readonly MeshEgress[];
  readonly rateLimit?: IngressRateLimit;

  constructor(name: string, args: MeshArgs, opts?: pulumi.ComponentResourceOptions) {
    const missing = missingNamespaces(args);
    if (missing.length > 0) throw new Error(`Mesh ${name}: no app namespace ${missing.join(", ")} was given`);
    const scope = {
      mtlsMode: args.mtlsMode,
      namespaces: Object.keys(args.namespaces),
      kubernetesApiNamespaces: args.kubernetesApiNamespaces,
      egressGateway: args.egressGatewayNamespace !== undefined,
    };
    const gatewayApi = gatewayApiIngress(args.mesh, scope);
    const duplicates = duplicateObjects(meshObjects(args.mesh, scope), [...gatewayApi.gatewayApi, ...gatewayApi.services]);
    if (duplicates.length > 0) throw new Error(`Mesh ${name}: two resources would be named ${duplicates.join(", ")}; rename a service or external`);
    super("istio-mesh:mesh:Mesh", name, {}, opts);
    const { mesh, controlPlane } = args;
    const childOpts = { parent: this };

    this.namespaceSecurity = Object.fromEntries(
      Object.entries(args.namespaces).map(([namespaceName, namespace]) => [
        namespaceName,
        new NamespaceSecurity(
          `${name}-${namespaceName}`,
          { namespace, namespaceName, mtlsMode: args.mtlsMode, externals: mesh.externals, kubernetesApi: args.kubernetesApiNamespaces?.includes(namespaceName), controlPlane },
          childOpts,
        ),
      ]),
    );
    const exposed = mesh.ingress.hosts.length > 0;
    const ingress =
      exposed && mesh.ingress.api === "istio"
        ? new MeshIngress(`${name}-ingress`, { ingress: mesh.ingress, controlPlane, gatewayNamespace: args.ingressGatewayNamespace, certificates: args.certificates }, childOpts)
        : undefined;
    this.ingress = ingress;
    const crds = args.gatewayApiCrds ?? [];
    const gatewayApiArgs = { ingress: mesh.ingress, appNamespaces: [...scope.namespaces, ...(args.routeNamespaces ?? [])], controlPlane, gatewayNamespace: args.ingressGatewayNamespace, crds, certificates: args.certificates };
    const routesGateway = exposed && mesh.ingress.api === "gateway-api" ? new GatewayApiIngress(`${name}-gateway-api-ingress`, gatewayApiArgs, childOpts) : undefined;
    this.gatewayApiIngress = routesGateway;
    this.services = mesh.services.map(
      (service) =>
        new MeshService(
          `${name}-${service.namespace}-${service.name}`,
          {
            service,
            faultInjection: mesh.faultInjection,
            controlPlane,
            namespace: args.namespaces[service.namespace],
            ingressGateway: ingress && { reference: ingress.reference, resource: ingress.gateway },
            gatewayApiIngress: routesGateway && { binding: routesGateway.binding, resource: routesGateway.gateway, crds },
          },
          childOpts,
        ),
    );
    const gatewayNamespace = args.egressGatewayNamespace;
    const gatewayPolicy = gatewayNamespace && new EgressGatewayPolicy(`${name}-egress-gateway`, { externals: mesh.externals, gatewayNamespace, controlPlane }, childOpts);
    this.egressGateway = gatewayPolicy;
    const egressGateway = gatewayNamespace && gatewayPolicy && { namespace: gatewayNamespace, authorizationPolicy: gatewayPolicy.authorizationPolicy, destinationRule: gatewayPolicy.destinationRule };
    this.externals = mesh.externals.map(
      (external) =>
        new MeshEgress(`${name}-${external.namespace}-${external.name}`, { external, namespace: args.namespaces[external.namespace], controlPlane, egressGateway }, childOpts),
    );
    const limited = mesh.rateLimit !== undefined || mesh.services.some((service) => service.rateLimit !== undefined);
    this.rateLimit = limited ? new IngressRateLimit(`${name}-rate-limit`, { mesh, controlPlane, gatewayNamespace: args.ingressGatewayNamespace }, childOpts) : undefined;

    this.registerOutputs({
      namespaceSecurity: this.namespaceSecurity,
      ingress: this.ingress,
      gatewayApiIngress: this.gatewayApiIngress,
      services: this.services,
      egressGateway: this.egressGateway,
      externals: this.externals,
      rateLimit: this.rateLimit,
    });
  }
}
