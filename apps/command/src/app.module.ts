import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '@yuanlian/auth';
import { MessagingModule } from '@yuanlian/messaging';
import { HealthController } from '@yuanlian/runtime';
import { commandDatabase, SCHEMA } from './database';
import { DirectoryAdminController } from './directory/directory-admin.controller';
import { DirectoryAdminService } from './directory/directory-admin.service';
import { SupervisionController } from './supervision/supervision.controller';
import { SupervisionService } from './supervision/supervision.service';

/**
 * 政法委: the supervision (督办) list of overdue cases, and (until the portal exists) the agency directory's
 * administration; the alert board comes with early warning.
 */
@Module({
  imports: [TypeOrmModule.forRoot(commandDatabase()), MessagingModule.forRoot({ service: 'command', schema: SCHEMA }), AuthModule],
  controllers: [HealthController, SupervisionController, DirectoryAdminController],
  providers: [SupervisionService, DirectoryAdminService],
})
export class CommandModule {}
