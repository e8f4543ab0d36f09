import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsObject, IsOptional } from 'class-validator';
import { AgencyTypes, CurrentUser, Roles } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { fieldError } from '@yuanlian/runtime';
import { TrustKeysService } from './trust-keys.service';

export class TrustKeyInput {
  @ApiPropertyOptional({ description: '信任根签发的密钥证书' }) @IsOptional() @IsObject({ message: '证书应为对象' }) certificate?: Record<string, unknown>;
  @ApiPropertyOptional({ description: '信任根签发的吊销记录' }) @IsOptional() @IsObject({ message: '吊销记录应为对象' }) revocation?: Record<string, unknown>;
}

/** The key registry: which service keys exist, for which offices, and which were revoked. */
@ApiTags('trust 密钥登记')
@ApiBearerAuth()
@Controller('trust/keys')
export class TrustKeysController {
  constructor(private readonly keys: TrustKeysService) {}

  @Get()
  @Roles('admin')
  @AgencyTypes('command')
  list() {
    return { items: this.keys.list() };
  }

  /** A root-signed certificate or revocation, made offline with `scripts/trust.ts`; every service reads it within seconds. */
  @Post()
  @HttpCode(200)
  @Roles('admin')
  @AgencyTypes('command')
  register(@CurrentUser() caller: Caller, @Body() input: TrustKeyInput) {
    if (!input.certificate && !input.revocation) throw fieldError('certificate', '应提供证书或吊销记录');
    return this.keys.register(caller, input).then((items) => ({ items }));
  }
}
