import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { DeadlinesService } from './deadlines.service';
import { DeadlineRun } from './deadlines.response';

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  /** Run the deadline job now (it also runs hourly and at start): mark overdue stages, expire lapsed documents. */
  @Post('run')
  @HttpCode(200)
  @Roles('admin')
  run(): Promise<DeadlineRun> {
    return this.deadlines.run();
  }
}
