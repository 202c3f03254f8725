import { Controller, Get, Header, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { loadDashboardAssets, type DashboardAsset } from './dashboard-assets';

/** Only this origin's scripts, styles and requests: the page works offline from any CDN. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** `GET /dashboard`: a live operations page over `/ops/snapshot` and `/kpis`. */
@Controller('dashboard')
export class DashboardController {
  private readonly assets = loadDashboardAssets();

  @Get()
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('Cache-Control', 'no-cache')
  page(): StreamableFile {
    return file(this.assets.page);
  }

  @Get('assets/:name')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('name') name: string): StreamableFile {
    const asset = this.assets.files.get(name);
    if (!asset) throw new NotFoundException();
    return file(asset);
  }

  @Get('vendor/chart.umd.min.js')
  @Header('Cache-Control', 'public, max-age=86400')
  chartJs(): StreamableFile {
    return file(this.assets.chartJs);
  }
}

function file(asset: DashboardAsset): StreamableFile {
  return new StreamableFile(asset.body, { type: asset.contentType, length: asset.body.length });
}
