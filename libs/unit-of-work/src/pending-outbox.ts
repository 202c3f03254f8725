import type { OutboundMessage } from '@pipeline/kafka';
import type { OutboxAck, OutboxEntry } from '@pipeline/redis-store';

/**
 * The outbox entries a batch publishes: those it committed and those it found left over from an
 * earlier attempt, per customer and deduplicated by id (a derived event id is unique per customer).
 */
export class PendingOutbox {
  private readonly byCustomer = new Map<string, Map<string, OutboxEntry>>();

  add(customerId: string, entries: readonly OutboxEntry[]): void {
    if (entries.length === 0) return;
    const byId = this.byCustomer.get(customerId) ?? new Map<string, OutboxEntry>();
    for (const entry of entries) byId.set(entry.id, entry);
    this.byCustomer.set(customerId, byId);
  }

  /** Takes every entry of another outbox. */
  addAll(other: PendingOutbox): void {
    for (const [customerId, byId] of other.byCustomer) this.add(customerId, [...byId.values()]);
  }

  /** Forgets a customer's entries: it was erased, and what it had pending must not leave. */
  drop(customerId: string): void {
    this.byCustomer.delete(customerId);
  }

  entries(): OutboxEntry[] {
    return [...this.byCustomer.values()].flatMap((byId) => [...byId.values()]);
  }

  messages(): OutboundMessage[] {
    return this.entries().map((entry) => ({ topic: entry.topic, key: entry.key, value: entry.value }));
  }

  acks(): OutboxAck[] {
    return [...this.byCustomer].map(([customerId, byId]) => ({ customerId, ids: [...byId.keys()] }));
  }
}
