import * as kubernetes from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AppNamespaces } from "./components/mesh/appNamespaces";
import { ArgoCd } from "./components/argocd/argocd";
import { ArgoCdTeams } from "./components/argocd/argocdTeams";
import { Certificates } from "./components/addons/certificates";
import { GatewayApiCrds } from "./components/gatewayApi/gatewayApiCrds";
import { IstioControlPlane } from "./components/istio/istioControlPlane";
import { IstioGateway } from "./components/istio/istioGateway";
import { gatewayInjection } from "./components/istio/istioRevisions";
import { Kiali } from "./components/addons/kiali";
import { Mesh } from "./components/mesh/mesh";
import { gatewayApiMeshConfig } from "./components/mesh/specs/gatewayApi";
import { Monitoring } from "./components/addons/monitoring";
import { egressGateway, ingressGateway } from "./components/names";
import { gatewayAddressOutput, uiEndpoints } from "./components/stackOutputs";
import { Tracing } from "./components/addons/tracing";
import { readSettings } from "./settings/readSettings";

/**
 * The whole stack, in install order: the Istio control plane and gateways, cert-manager, Prometheus, Jaeger,
 * Kiali, then the mesh resources. Settings are read and validated first, so a bad config key stops the program
 * before any resource is registered. Every resource reaches the cluster through the one explicit provider.
 */
export = async () => {
  const settings = readSettings();
  settings.mesh.notices.forEach((notice) => pulumi.log.warn(notice));
  const { istio, certManager, monitoring, tracing, kiali, argocd } = settings;
  const { helmTimeoutSeconds } = istio;
  const { retainNamespaces: retainNamespace, protectAppNamespaces } = settings.kubernetes;

  const provider = new kubernetes.Provider("cluster", {
    context: settings.kubernetes.context,
    kubeconfig: settings.kubernetes.kubeconfig,
  });
  const opts = { providers: [provider] };

  // Argo CD's health checks read the analysis istiod writes into the status of every Istio object.
  const controlPlane = new IstioControlPlane("istio", { istio, retainNamespace, meshDefaults: gatewayApiMeshConfig(settings.mesh), writeStatus: argocd.enabled }, opts);
  const gatewayApiCrds = settings.gatewayApi.crds === "install" ? new GatewayApiCrds("gateway-api", { protect: settings.gatewayApi.protectCrds }, opts) : undefined;
  const { injectors } = controlPlane;
  const gatewayArgs = { injection: gatewayInjection(istio), helmTimeoutSeconds, injectors };
  const ingress = new IstioGateway("ingress-gateway", { ...gatewayArgs, names: ingressGateway, gateway: istio.ingressGateway, retainNamespace }, opts);
  const egress = istio.egressGateway.enabled ? new IstioGateway("egress-gateway", { ...gatewayArgs, names: egressGateway, gateway: istio.egressGateway }, opts) : undefined;

  const certificates = certManager.enabled
    ? new Certificates(
        "certificates",
        { certManager, httpsHosts: settings.mesh.ingress.hosts, gatewayNamespace: ingressGateway.namespace, gatewayNamespaceResource: ingress.namespace, helmTimeoutSeconds, retainNamespace },
        opts,
      )
    : undefined;
  const metrics = monitoring.enabled ? new Monitoring("monitoring", { monitoring, tracingEnabled: tracing.enabled, certManagerInstalled: certManager.enabled, helmTimeoutSeconds, retainNamespace }, opts) : undefined;
  if (tracing.enabled) {
    new Tracing(
      "tracing",
      { tracing, accessLogging: istio.accessLog, istioBase: controlPlane.base, istiod: controlPlane.istiod, helmTimeoutSeconds, retainNamespace },
      opts,
    );
  }
  if (kiali.enabled && metrics) {
    const dependsOn = [controlPlane.namespace, metrics.release];
    new Kiali("kiali", { kiali, grafana: monitoring.grafana, grafanaAdminPassword: metrics.grafanaAdminPassword, tracing, dependsOn, helmTimeoutSeconds }, opts);
  }

  const argoCd = argocd.enabled
    ? new ArgoCd(
        "argocd",
        { argocd, controlPlane, injectors, injectionRevision: istio.injectionRevision, ingress: settings.mesh.ingress, gatewayApiCrds: gatewayApiCrds?.crds, helmTimeoutSeconds, retainNamespace, protectNamespace: protectAppNamespaces },
        opts,
      )
    : undefined;

  const appNamespaces = new AppNamespaces(
    "app-namespaces",
    { namespaces: settings.namespaces, injectionRevision: istio.injectionRevision, injectors, retainOnDelete: retainNamespace, protect: protectAppNamespaces },
    opts,
  );
  new Mesh(
    "mesh",
    {
      mesh: settings.mesh,
      mtlsMode: istio.mtlsMode,
      namespaces: appNamespaces.namespaces,
      kubernetesApiNamespaces: settings.namespaces.filter((namespace) => namespace.kubernetesApi).map((namespace) => namespace.name),
      controlPlane,
      ingressGatewayNamespace: ingress.namespace,
      egressGatewayNamespace: egress?.namespace,
      certificates: Object.values(certificates?.certificates ?? {}),
      gatewayApiCrds: gatewayApiCrds?.crds,
      routeNamespaces: argocd.enabled && argocd.host !== undefined ? [argocd.namespace] : [],
    },
    opts,
  );
  if (argoCd) new ArgoCdTeams("argocd-teams", { argocd, argocdReady: argoCd.ready, namespaces: appNamespaces.namespaces }, opts);

  return {
    ingressGatewayNamespace: ingressGateway.namespace,
    ingressGatewayService: ingressGateway.releaseName,
    // Where clients reach the ingress: the load balancer's address once assigned (`pulumi refresh` picks it up later).
    ingressGatewayAddress: gatewayAddressOutput(ingressGateway, ingress.service),
    // Each UI's in-cluster URL, the port-forward that reaches it, and what to open then.
    uis: uiEndpoints(settings),
    namespaces: settings.namespaces.map((namespace) => namespace.name),
    istiodRevision: istio.defaultRevision ?? "default",
    // A secret output: `pulumi stack output grafanaAdminPassword --show-secrets`.
    ...(metrics?.grafanaAdminPassword ? { grafanaAdminPassword: metrics.grafanaAdminPassword } : {}),
  };
};
