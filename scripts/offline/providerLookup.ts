import type { Registration } from "./mockEngine";

/** Finds the provider registration a resource names in its `<provider urn>::<provider id>` reference. */
export function providerLookup(registrations: readonly Registration[]): (registration: Registration) => Registration | undefined {
  const byUrn = new Map(registrations.map((registration) => [registration.urn, registration]));
  return ({ provider }) => (provider === undefined ? undefined : byUrn.get(provider.slice(0, provider.lastIndexOf("::"))));
}
