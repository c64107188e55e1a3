import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Public } from '../auth/roles.decorator';
import { PLAIN_TEXT } from '../common/plain-text';
import { SameOriginGuard } from '../common/same-origin.guard';
import { ConsultationService } from './consultation.service';
import { CommentReceipt, Consultation } from './consultation.response';

export class PublicCommentDto {
  @IsString()
  @MinLength(5, { message: '意见内容至少 5 个字' })
  @MaxLength(2000, { message: '意见内容不超过 2000 字' })
  @Matches(PLAIN_TEXT, { message: '意见内容含有不允许的控制字符' })
  content: string;

  @IsOptional()
  @IsString()
  @MaxLength(50)
  @Matches(PLAIN_TEXT)
  submitter?: string;
}

/** The public consultation page's API: no sign-in. */
@ApiTags('public')
@Public()
@Controller('public/consultations')
export class ConsultationController {
  constructor(private readonly consultation: ConsultationService) {}

  @Get()
  open(): Promise<Consultation[]> {
    return this.consultation.open();
  }

  @Get(':id')
  one(@Param('id') id: string): Promise<Consultation> {
    return this.consultation.one(id);
  }

  /**
   * A citizen's comment: JSON only (the request guard), from this site's own pages or a client
   * that sends no Origin, validated, stored as plain text, at most 5 a minute from one address.
   */
  @Post(':id/comments')
  @UseGuards(SameOriginGuard, ThrottlerGuard)
  @SkipThrottle({ login: true })
  comment(@Param('id') id: string, @Body() body: PublicCommentDto): Promise<CommentReceipt> {
    return this.consultation.comment(id, body.content, body.submitter);
  }
}
