import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Public } from '../auth/roles.decorator';
import { PLAIN_TEXT } from '../common/plain-text';
import { SameOriginGuard } from '../common/same-origin.guard';
import { ConsultationService } from './consultation.service';
import { CommentReceipt, Consultation, ConsultationPage, ReceiptLookup } from './consultation.response';

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

  /**
   * One draft's public page, from the first day of its period on: its text and period, and once
   * the participation is complete the adoption summary (意见采纳情况), each comment with how it was
   * handled and why, never who sent it.
   */
  @Get(':id')
  one(@Param('id') id: string): Promise<ConsultationPage> {
    return this.consultation.page(id);
  }

  /**
   * A citizen's comment: JSON only (the request guard), from this site's own pages or a client
   * that sends no Origin, validated, stored as plain text, at most 5 a minute from one address.
   */
  @Post(':id/comments')
  @UseGuards(SameOriginGuard, ThrottlerGuard)
  @SkipThrottle({ login: true, receiptLookup: true })
  comment(@Param('id') id: string, @Body() body: PublicCommentDto): Promise<CommentReceipt> {
    return this.consultation.comment(id, body.content, body.submitter);
  }
}

/** A citizen's look-up of their own comment by its receipt: no sign-in, at most 20 a minute from one address. */
@ApiTags('public')
@Public()
@Controller('public/receipts')
export class ReceiptController {
  constructor(private readonly consultation: ConsultationService) {}

  /**
   * The comment the receipt was given for (its text and date), and how it was handled with the
   * reason once the participation is complete; nothing of anyone else's. Unknown: 404.
   */
  @Get(':receipt')
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ login: true, publicComment: true })
  lookUp(@Param('receipt') receipt: string): Promise<ReceiptLookup> {
    return this.consultation.receipt(receipt);
  }
}
