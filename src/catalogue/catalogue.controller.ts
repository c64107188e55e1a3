import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { YearPipe } from '../common/year.pipe';
import { CurrentUser, Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { IsIsoDate } from '../common/validation';
import { CatalogueService } from './catalogue.service';
import { Catalogue, CatalogueItem, PublishedCatalogue, WithdrawnItem } from './catalogue.response';

export class CatalogueItemDto {
  @IsString() @MinLength(1) @MaxLength(300) title: string;
  @IsString() @MinLength(1) @MaxLength(64) department: string;
  /** the day it was put on the catalogue */
  @IsIsoDate() addedOn: string;
  /** required once the catalogue is published (目录调整) */
  @IsOptional() @IsString() @MaxLength(5000) adjustmentReason?: string;
}

export class PublishCatalogueDto {
  @IsIsoDate() publishedOn: string;
}

export class WithdrawItemDto {
  @IsIsoDate() withdrawnOn: string;
  @IsString() @MinLength(1) @MaxLength(5000) reason: string;
}

@ApiTags('catalogue')
@ApiBearerAuth()
@Controller('catalogues')
export class CatalogueController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get(':year')
  get(@Param('year', YearPipe) year: number, @CurrentUser() user: Principal): Promise<Catalogue> {
    return this.catalogue.get(year, user);
  }

  @Post(':year/items')
  @Roles('secretariat')
  addItem(@Param('year', YearPipe) year: number, @Body() body: CatalogueItemDto, @CurrentUser() user: Principal): Promise<CatalogueItem> {
    return this.catalogue.addItem(year, body, user);
  }

  @Post(':year/publish')
  @Roles('secretariat')
  publish(
    @Param('year', YearPipe) year: number,
    @Body() body: PublishCatalogueDto,
    @CurrentUser() user: Principal,
  ): Promise<PublishedCatalogue> {
    return this.catalogue.publish(year, body.publishedOn, user);
  }

  @Post('items/:id/withdraw')
  @Roles('secretariat')
  withdraw(@Param('id') id: string, @Body() body: WithdrawItemDto, @CurrentUser() user: Principal): Promise<WithdrawnItem> {
    return this.catalogue.withdraw(id, body.withdrawnOn, body.reason, user);
  }
}
