import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { text } from '../../workflows';
import { CurrentUser, type Principal } from '../auth/principal';
import { Public, Roles } from '../auth/roles.decorator';
import { DomainError, ErrorCode } from '../common/domain-error';
import { GOVERNMENT_ID, GovernmentDto } from './governments.dto';
import { Government, PublicGovernment } from './governments.response';
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

/** The governments by name and place, for the public pages (the catalogue of filings): nothing else of them. */
@ApiTags('public')
@Public()
@Controller('public/governments')
export class PublicGovernmentsController {
  constructor(private readonly governments: GovernmentsService) {}

  @Get()
  async list(): Promise<PublicGovernment[]> {
    return (await this.governments.all()).map(({ id, name, level, parentId }) => ({ id, name, level, parentId }));
  }
}
