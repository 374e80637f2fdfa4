/** Every policy of the pack, in one array (imported by the pack entry point and the offline evaluator). */
import { Policies } from "@pulumi/policy";
import { forbidNegativeAllowMatch } from "./authorizationPolicy/forbidNegativeAllowMatch";
import { forbidPositiveDenyMatch } from "./authorizationPolicy/forbidPositiveDenyMatch";
import { requirePrincipalFormat } from "./authorizationPolicy/requirePrincipalFormat";
import { forbidShadowedHelmValues } from "./certManager/forbidShadowedHelmValues";
import { forbidMeshTlsDisable } from "./destinationRule/forbidMeshTlsDisable";
import { requireExternalTls } from "./destinationRule/requireExternalTls";
import { requireServerVerification } from "./destinationRule/requireServerVerification";
import { requireValidOutlierDetection } from "./destinationRule/requireValidOutlierDetection";
import { forbidUnsupportedPatchOperation } from "./envoyFilter/forbidUnsupportedPatchOperation";
import { requirePriorityForRelativePatch } from "./envoyFilter/requirePriorityForRelativePatch";
import { requireValidLocalRateLimit } from "./envoyFilter/requireValidLocalRateLimit";
import { requireSupportedGatewayApi } from "./crd/requireSupportedGatewayApi";
import { requireReferenceGrant } from "./gatewayApi/requireReferenceGrant";
import { requireValidSchema as requireValidGatewayApiSchema } from "./gatewayApi/requireValidSchema";
import { forbidConflictingListeners } from "./k8sGateway/forbidConflictingListeners";
import { requireCertificate as requireGatewayApiCertificate } from "./k8sGateway/requireCertificate";
import { requireTls13 as requireGatewayApiTls13 } from "./k8sGateway/requireTls13";
import { forbidConflictingHosts } from "./gateway/forbidConflictingHosts";
import { forbidPlaintextEgress } from "./gateway/forbidPlaintextEgress";
import { forbidSharedCredential } from "./gateway/forbidSharedCredential";
import { forbidWildcardHosts } from "./gateway/forbidWildcardHosts";
import { requireCertificate } from "./gateway/requireCertificate";
import { requireTls13 } from "./gateway/requireTls13";
import { requireTlsCredential } from "./gateway/requireTlsCredential";
import { requireHighAvailability } from "./helmRelease/requireHighAvailability";
import { requireExistingParent } from "./httpRoute/requireExistingParent";
import { requireListenerHostname } from "./httpRoute/requireListenerHostname";
import { requireResolvableBackend } from "./httpRoute/requireResolvableBackend";
import { requireValidWeights } from "./httpRoute/requireValidWeights";
import { requireJsonAccessLogFormat } from "./helmRelease/requireJsonAccessLogFormat";
import { requireMeshMtlsTls13 } from "./helmRelease/requireMeshMtlsTls13";
import { requirePinnedVersion } from "./helmRelease/requirePinnedVersion";
import { requireRegistryOnlyEgress } from "./helmRelease/requireRegistryOnlyEgress";
import { requireResourceLimits } from "./helmRelease/requireResourceLimits";
import { forbidConflictingInjectionLabels } from "./namespace/forbidConflictingInjectionLabels";
import { requireAppInjection } from "./namespace/requireAppInjection";
import { requireProtection } from "./namespace/requireProtection";
import { requireServedRevision } from "./namespace/requireServedRevision";
import { forbidMtlsDisable } from "./peerAuthentication/forbidMtlsDisable";
import { requireStrictMtls } from "./peerAuthentication/requireStrictMtls";
import { requireSingleJwksSource } from "./requestAuthentication/requireSingleJwksSource";
import { requireCelRules } from "./resource/requireCelRules";
import { requireValidSchema } from "./resource/requireValidSchema";
import { forbidConflictingProtocols } from "./serviceEntry/forbidConflictingProtocols";
import { requireDnsHosts } from "./serviceEntry/requireDnsHosts";
import { requireValidPorts } from "./serviceEntry/requireValidPorts";
import { forbidMultipleSelectorless as forbidMultipleSelectorlessSidecars } from "./sidecar/forbidMultipleSelectorless";
import { forbidMultipleSelectorless as forbidMultipleSelectorlessTelemetries } from "./telemetry/forbidMultipleSelectorless";
import { requireValidSampling } from "./telemetry/requireValidSampling";
import { forbidConflictingMeshHosts } from "./virtualService/forbidConflictingMeshHosts";
import { requireCompleteCors } from "./virtualService/requireCompleteCors";
import { requireDefinedSubset } from "./virtualService/requireDefinedSubset";
import { requireExistingGateway } from "./virtualService/requireExistingGateway";
import { requireGatewayHostMatch } from "./virtualService/requireGatewayHostMatch";
import { requireValidRetries } from "./virtualService/requireValidRetries";
import { requireValidTimeout } from "./virtualService/requireValidTimeout";
import { requireWeightsSum100 } from "./virtualService/requireWeightsSum100";
import { forbidProxyUid } from "./workload/forbidProxyUid";
import { requirePortProtocol } from "./service/requirePortProtocol";
import { requireSelectedWorkload as requireGatewaySelectedWorkload } from "./gateway/requireSelectedWorkload";
import { requireServicePort } from "./gateway/requireServicePort";
import { requireSelectedWorkload as requireSidecarSelectedWorkload } from "./sidecar/requireSelectedWorkload";
import { forbidOverlappingSelectors as forbidOverlappingSidecarSelectors } from "./sidecar/forbidOverlappingSelectors";
import { requireSelectedWorkload as requireTelemetrySelectedWorkload } from "./telemetry/requireSelectedWorkload";
import { forbidOverlappingSelectors as forbidOverlappingTelemetrySelectors } from "./telemetry/forbidOverlappingSelectors";
import { forbidInternalGatewayReference } from "./virtualService/forbidInternalGatewayReference";
import { requireExistingDestination } from "./virtualService/requireExistingDestination";
import { requireDestinationPort } from "./virtualService/requireDestinationPort";
import { requireCaCertificates } from "./destinationRule/requireCaCertificates";
import { requireKnownHost } from "./destinationRule/requireKnownHost";
import { requireSubsetWorkloads } from "./destinationRule/requireSubsetWorkloads";
import { requireInjectionLabel } from "./namespace/requireInjectionLabel";
import { requireExternalControlPlaneAddress } from "./webhook/requireExternalControlPlaneAddress";
import { forbidOverlappingInjection } from "./webhook/forbidOverlappingInjection";
import { requireAddressesForTcp } from "./serviceEntry/requireAddressesForTcp";
import { requireSelectedWorkload as requireAuthorizationSelectedWorkload } from "./authorizationPolicy/requireSelectedWorkload";
import { requireExistingNamespaces } from "./authorizationPolicy/requireExistingNamespaces";
import { forbidSelectorOnKubernetesGateway } from "./resource/forbidSelectorOnKubernetesGateway";
import { forbidDeprecatedFields } from "./resource/forbidDeprecatedFields";
import { requireJwtAuthenticationForClaimRoutes } from "./virtualService/requireJwtAuthenticationForClaimRoutes";
import { forbidSubsetlessIngressRoute } from "./virtualService/forbidSubsetlessIngressRoute";
import { forbidConflictingServicePorts } from "./deployment/forbidConflictingServicePorts";
import { requireInjectionForImageAuto } from "./workload/requireInjectionForImageAuto";
import { requireJwksBlockedCidrs } from "./meshConfig/requireJwksBlockedCidrs";
import { requireKnownServiceRegistry } from "./meshConfig/requireKnownServiceRegistry";
import { requireAccessLogProvider } from "./telemetry/requireAccessLogProvider";
import { forbidLightstepProvider } from "./telemetry/forbidLightstepProvider";
import { requireValidAnnotations } from "./resource/requireValidAnnotations";
import { forbidUnreachableRules } from "./virtualService/forbidUnreachableRules";
import { requireValidHosts } from "./resource/requireValidHosts";
import { requireEnvironmentSyncPolicy } from "./application/requireEnvironmentSyncPolicy";
import { requireIstioHealthChecks } from "./application/requireIstioHealthChecks";
import { requireProjectPermission } from "./application/requireProjectPermission";
import { forbidClusterScopedKinds } from "./appProject/forbidClusterScopedKinds";
import { forbidMeshWideKinds } from "./appProject/forbidMeshWideKinds";
import { requireIstiodAnalysis } from "./helmRelease/requireIstiodAnalysis";

export { packEnforcementLevel, policyPackName } from "../packIdentity";

export const policies: Policies = [
  // Namespaces and control plane
  forbidConflictingInjectionLabels,
  requireServedRevision,
  requireAppInjection,
  requireProtection,
  requireResourceLimits,
  requireJsonAccessLogFormat,
  requireRegistryOnlyEgress,
  requireMeshMtlsTls13,
  requirePinnedVersion,
  requireHighAvailability,
  forbidShadowedHelmValues,
  // Security
  requireStrictMtls,
  forbidMtlsDisable,
  forbidMeshTlsDisable,
  requireServerVerification,
  requirePrincipalFormat,
  forbidNegativeAllowMatch,
  forbidPositiveDenyMatch,
  requireSingleJwksSource,
  // Traffic
  requireWeightsSum100,
  requireValidRetries,
  requireValidTimeout,
  requireCompleteCors,
  requireValidOutlierDetection,
  requireExternalTls,
  requireValidLocalRateLimit,
  requirePriorityForRelativePatch,
  forbidUnsupportedPatchOperation,
  // Gateways
  requireTls13,
  requireTlsCredential,
  requireCertificate,
  forbidPlaintextEgress,
  forbidWildcardHosts,
  forbidConflictingHosts,
  forbidSharedCredential,
  requireExistingGateway,
  requireGatewayHostMatch,
  // Gateway API ingress (gateway.networking.k8s.io)
  requireSupportedGatewayApi,
  requireGatewayApiTls13,
  requireGatewayApiCertificate,
  forbidConflictingListeners,
  requireExistingParent,
  requireListenerHostname,
  requireResolvableBackend,
  requireValidWeights,
  requireReferenceGrant,
  // Registry and scoping
  requireDefinedSubset,
  forbidConflictingMeshHosts,
  requireDnsHosts,
  requireValidPorts,
  forbidConflictingProtocols,
  forbidMultipleSelectorlessSidecars,
  forbidMultipleSelectorlessTelemetries,
  requireValidSampling,
  // Schema
  requireValidSchema,
  requireCelRules,
  requireValidGatewayApiSchema,
  // Workloads, Services and selectors, as istioctl's analyzers judge them
  forbidProxyUid,
  requirePortProtocol,
  requireGatewaySelectedWorkload,
  requireServicePort,
  requireSidecarSelectedWorkload,
  forbidOverlappingSidecarSelectors,
  requireTelemetrySelectedWorkload,
  forbidOverlappingTelemetrySelectors,
  forbidInternalGatewayReference,
  requireExistingDestination,
  requireDestinationPort,
  requireCaCertificates,
  requireKnownHost,
  requireSubsetWorkloads,
  requireInjectionLabel,
  requireExternalControlPlaneAddress,
  forbidOverlappingInjection,
  requireAddressesForTcp,
  requireAuthorizationSelectedWorkload,
  requireExistingNamespaces,
  forbidSelectorOnKubernetesGateway,
  forbidDeprecatedFields,
  requireJwtAuthenticationForClaimRoutes,
  forbidSubsetlessIngressRoute,
  forbidConflictingServicePorts,
  requireInjectionForImageAuto,
  requireJwksBlockedCidrs,
  requireKnownServiceRegistry,
  requireAccessLogProvider,
  forbidLightstepProvider,
  requireValidAnnotations,
  forbidUnreachableRules,
  requireValidHosts,
  // Argo CD: what teams deliver into the mesh
  requireIstioHealthChecks,
  requireIstiodAnalysis,
  requireEnvironmentSyncPolicy,
  requireProjectPermission,
  forbidClusterScopedKinds,
  forbidMeshWideKinds,
];
