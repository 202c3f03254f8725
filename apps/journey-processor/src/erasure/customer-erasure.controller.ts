import { isIdentifier } from '@pipeline/contracts';
import { CustomerErasureService, ErasureReport } from '@pipeline/customer-erasure';
import { BadRequestException, Controller, Delete, HttpCode, Param, UseGuards } from '@nestjs/common';
import { AdminKeyGuard } from './admin-key.guard';

/**
 * `DELETE /customers/:customerId`, admin only: erases the customer (right to be forgotten) and
 * answers once it is done. An unknown customer is erased too (its tombstone drops events still on
 * their way), so the answer is 200 either way; `journeyFound` tells them apart.
 */
@Controller('customers')
@UseGuards(AdminKeyGuard)
export class CustomerErasureController {
  constructor(private readonly erasure: CustomerErasureService) {}

  @Delete(':customerId')
  @HttpCode(200)
  erase(@Param('customerId') customerId: string): Promise<ErasureReport> {
    if (!isIdentifier(customerId)) throw new BadRequestException('customerId is not a valid identifier');
    return this.erasure.erase(customerId);
  }
}
