import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { ConsumerGroupWatch } from '../consumer/consumer-group.watch';

/** The consumer is up while it is a member of its group (joined, and not since crashed or stopped). */
@Injectable()
export class ConsumerGroupHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly watch: ConsumerGroupWatch,
  ) {}

  get available(): boolean {
    return this.watch.consumer !== undefined;
  }

  check(key: string): HealthIndicatorResult {
    const indicator = this.indicators.check(key);
    const { state, since, rebalancing } = this.watch.membership;
    const details = {
      group: this.watch.consumer?.group ?? null,
      state,
      since: new Date(since).toISOString(),
      rebalancing,
    };
    return state === 'joined' ? indicator.up(details) : indicator.down(details);
  }
}
