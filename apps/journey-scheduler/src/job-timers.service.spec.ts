import { ChurnRescoreService } from './churn-rescore.service';
import { ClvModelRepository } from './clv-model.repository';
import { ClvRefitService } from './clv-refit.service';
import { JobTimersService } from './job-timers.service';
import { SchedulerSettings } from './scheduler-settings';

describe(JobTimersService.name, () => {
  const settings = {
    timersEnabled: true,
    refit: { intervalMs: 10_000 },
    churn: { tickMs: 1_000 },
  } as unknown as SchedulerSettings;

  function timers(hasModel: boolean, overrides: Partial<SchedulerSettings> = {}) {
    const refit = {
      refit: jest.fn<Promise<unknown>, [AbortSignal?]>().mockResolvedValue({ status: 'busy' }),
    };
    const churn = { tick: jest.fn().mockResolvedValue({ status: 'busy' }) };
    const models = { current: jest.fn().mockResolvedValue(hasModel ? { version: 'v1' } : undefined) };
    const service = new JobTimersService(
      refit as unknown as ClvRefitService,
      churn as unknown as ChurnRescoreService,
      models as unknown as ClvModelRepository,
      { ...settings, ...overrides },
    );
    return { service, refit, churn };
  }

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('refits at once when no model is stored, then on its interval; ticks churn on its own', async () => {
    const { service, refit, churn } = timers(false);
    await service.onApplicationBootstrap();
    expect(refit.refit).toHaveBeenCalledTimes(1);
    expect(churn.tick).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(refit.refit).toHaveBeenCalledTimes(2);
    expect(churn.tick).toHaveBeenCalledTimes(11);
    await service.beforeApplicationShutdown();
  });

  it('waits a full interval before the first refit when a model is already stored', async () => {
    const { service, refit } = timers(true);
    await service.onApplicationBootstrap();
    expect(refit.refit).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(refit.refit).toHaveBeenCalledTimes(1);
    await service.beforeApplicationShutdown();
  });

  it('keeps its timers running after a job fails', async () => {
    const { service, churn } = timers(true);
    churn.tick.mockRejectedValueOnce(new Error('redis down'));
    await service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(churn.tick).toHaveBeenCalledTimes(3);
    await service.beforeApplicationShutdown();
  });

  it('stops every timer on shutdown and tells running jobs to stop', async () => {
    const { service, refit, churn } = timers(false);
    await service.onApplicationBootstrap();
    const signal = refit.refit.mock.calls[0]?.[0];
    await service.beforeApplicationShutdown();
    expect(signal?.aborted).toBe(true);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refit.refit).toHaveBeenCalledTimes(1);
    expect(churn.tick).toHaveBeenCalledTimes(1);
  });

  it('arms nothing when timers are disabled', async () => {
    const { service, refit, churn } = timers(false, { timersEnabled: false });
    await service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(60_000);
    expect(refit.refit).not.toHaveBeenCalled();
    expect(churn.tick).not.toHaveBeenCalled();
  });
});
