import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { text } from '../../workflows';
import { CurrentUser, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/domain-error';
import { GOVERNMENT_ID, GovernmentDto } from './governments.dto';
import { Government } from './governments.response';
import { GovernmentsService } from './governments.service';

@ApiTags('governments')
@ApiBearerAuth()
@Controller('governments')
export class GovernmentsController {
  constructor(private readonly governments: GovernmentsService) {}

  /** The governments the reader sees: their own, and for a supervisor or the admin every one below it. */
  @Get()
  list(@CurrentUser() user: Principal): Promise<Government[]> {
    return this.governments.list(user);
  }

  /** Create or change a government; its parent is fixed once departments or users belong to it. */
  @Put(':id')
  @Roles('admin')
  save(@Param('id') id: string, @Body() body: GovernmentDto): Promise<Government> {
    if (!GOVERNMENT_ID.test(id)) {
      throw new DomainError(
        ErrorCode.VALIDATION_FAILED,
        text('政府代码只能由 1 至 64 位字母、数字、“-”或“_”组成', 'a government code is 1–64 letters, digits, - or _'),
        [{ field: 'id', problems: ['1–64 letters, digits, - or _'] }],
      );
    }
    return this.governments.save(id, body);
  }
}
