import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { adminAuditController, AuthModule } from '@yuanlian/auth';
import { HealthController } from '@yuanlian/runtime';
import { AuthController } from './auth/auth.controller';
import { KeysService } from './auth/keys.service';
import { portalDatabase } from './database';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { RevocationFeed } from './users/revocation-feed';

/** 门户: sign-in, users and roles, the token keys (JWKS), and the web workstation with its gateway to the services. */
@Module({
  imports: [TypeOrmModule.forRoot(portalDatabase()), AuthModule],
  controllers: [HealthController, AuthController, UsersController, adminAuditController('command')],
  providers: [KeysService, UsersService, RevocationFeed],
})
export class PortalModule {}
