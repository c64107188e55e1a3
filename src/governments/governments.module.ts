import { Global, Module } from '@nestjs/common';
import { GovernmentsController, PublicGovernmentsController } from './governments.controller';
import { GovernmentsService } from './governments.service';

@Global()
@Module({
  controllers: [GovernmentsController, PublicGovernmentsController],
  providers: [GovernmentsService],
  exports: [GovernmentsService],
})
export class GovernmentsModule {}
