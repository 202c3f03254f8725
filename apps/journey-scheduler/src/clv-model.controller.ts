import { ClvModelSnapshot } from '@pipeline/journey-domain';
import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ClvModelRepository } from './clv-model.repository';

/** The CLV models the stream values customers with now. */
@Controller('models')
export class ClvModelController {
  constructor(private readonly models: ClvModelRepository) {}

  @Get('clv')
  async current(): Promise<ClvModelSnapshot> {
    const snapshot = await this.models.current();
    if (!snapshot) throw new NotFoundException('no CLV model has been fitted yet');
    return snapshot;
  }
}
