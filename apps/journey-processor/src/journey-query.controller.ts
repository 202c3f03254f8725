import { isIdentifier } from '@pipeline/contracts';
import { readJourneyState, summarize } from '@pipeline/journey-domain';
import { JourneyStateRepository } from '@pipeline/redis-store';
import { BadRequestException, Controller, Get, Inject, NotFoundException, Param } from '@nestjs/common';
import { JourneyResponse, presentJourney } from './journey-view.presenter';
import { PROCESSOR_SETTINGS, ProcessorSettings } from './processor-settings';

/** Read side: one customer's journey as the pipeline knows it now. */
@Controller('customers')
export class JourneyQueryController {
  constructor(
    private readonly repository: JourneyStateRepository,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
  ) {}

  @Get(':customerId/journey')
  async journey(@Param('customerId') customerId: string): Promise<JourneyResponse> {
    if (!isIdentifier(customerId)) throw new BadRequestException('customerId is not a valid identifier');
    const stored = await this.repository.get(customerId);
    if (stored?.data == null) throw new NotFoundException(`no journey for customer ${customerId}`);
    const view = summarize(readJourneyState(customerId, stored.data), customerId, Date.now(), {
      defaultAcquisitionCost: this.settings.outputs.defaultAcquisitionCost,
    });
    return presentJourney(view);
  }
}
