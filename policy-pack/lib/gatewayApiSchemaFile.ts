/**
 * The Gateway API schemas the pack validates against: the standard channel of the release the program installs,
 * extracted from its Go module by `scripts/gatewayApiCrds.ts` (path relative to the pack's folder). Schemas only
 * (descriptions left out), CEL rules (`x-kubernetes-validations`) and defaults included.
 */
export const gatewayApiSchemaVersion = "v1.5.1";
export const gatewayApiSchemaFile = `schemas/gateway-api-${gatewayApiSchemaVersion}-standard.json`;
