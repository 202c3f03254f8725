import { CustomerProfileV1 } from '@pipeline/contracts';
import { AudienceIndexRepository } from '@pipeline/redis-store';
import { Injectable } from '@nestjs/common';
import { AudienceQuery, encodeCursor } from './audience-query';

/** One page of an audience: the matching profiles and where the next page starts. */
export interface AudiencePageResponse {
  readonly customers: readonly CustomerProfileV1[];
  /** Pass as `cursor` for the next page; null once the walk is done. */
  readonly nextCursor: string | null;
}

/** Most customers one request examines: its cost is bounded whatever the population. */
const MAX_EXAMINED_PER_PAGE = 5_000;

/** Audiences from the audience indexes: pages of matching profiles, and counts. */
@Injectable()
export class AudiencesService {
  constructor(private readonly audiences: AudienceIndexRepository) {}

  async page({ filter, cursor, limit }: AudienceQuery): Promise<AudiencePageResponse> {
    const page = await this.audiences.page(filter, cursor, limit, Math.max(MAX_EXAMINED_PER_PAGE, limit));
    return { customers: page.profiles, nextCursor: page.next === null ? null : encodeCursor(page.next) };
  }

  async count({ filter }: AudienceQuery): Promise<{ readonly count: number }> {
    return { count: await this.audiences.count(filter) };
  }
}
