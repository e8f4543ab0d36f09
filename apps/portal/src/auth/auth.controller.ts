import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { RateLimiter } from '@yuanlian/runtime';
import { ChangePasswordInput, LoginInput } from '../users/user.dto';
import { UsersService } from '../users/users.service';
import { KeysService } from './keys.service';

/** Ten tries per address and username in five minutes, and a hundred per address (a shared office NAT). */
const perAccount = new RateLimiter(10, 5 * 60_000);
const perAddress = new RateLimiter(100, 5 * 60_000);

@ApiTags('auth 登录')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly keys: KeysService,
  ) {}

  /** Username and password → a token for every service (ES256), valid for a working day. */
  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async login(@Req() req: { ip?: string }, @Body() input: LoginInput) {
    const address = req.ip ?? 'unknown';
    perAddress.take(address);
    perAccount.take(`${address}|${input.username.toLowerCase()}`);
    return this.users.login(input.username, input.password);
  }

  /** The public keys the services check tokens with; a government identity provider's JWKS can replace it. */
  @Public()
  @Get('.well-known/jwks.json')
  jwks() {
    return this.keys.jwks();
  }

  @ApiBearerAuth()
  @Get('auth/me')
  me(@CurrentUser() caller: Caller) {
    return this.users.me(caller);
  }

  @ApiBearerAuth()
  @Put('auth/password')
  @HttpCode(204)
  async changePassword(@CurrentUser() caller: Caller, @Body() input: ChangePasswordInput) {
    await this.users.changePassword(caller, input.currentPassword, input.newPassword);
  }
}
