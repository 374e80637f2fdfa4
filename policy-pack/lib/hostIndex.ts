/**
 * An index of hosts (exact or wildcard) claimed by owners, answering "which other owner claims a host that
 * overlaps this one" in time proportional to the host's label count, not to the number of hosts.
 */
import { coveringWildcards, isWildcardHost } from "./hosts";

export class HostIndex {
  private readonly claimed = new Map<string, string>();
  /** For each wildcard pattern, an owner of some host it covers. */
  private readonly covered = new Map<string, string>();

  /** The first other owner whose host overlaps `host`, if any. */
  overlapping(host: string, owner: string): string | undefined {
    const candidates = [this.claimed.get(host), ...coveringWildcards(host).map((pattern) => this.claimed.get(pattern))];
    if (isWildcardHost(host)) {
      candidates.push(this.covered.get(host));
    }
    return candidates.find((candidate) => candidate !== undefined && candidate !== owner);
  }

  claim(host: string, owner: string): void {
    if (!this.claimed.has(host)) {
      this.claimed.set(host, owner);
    }
    for (const pattern of coveringWildcards(host)) {
      if (!this.covered.has(pattern)) {
        this.covered.set(pattern, owner);
      }
    }
  }
}
