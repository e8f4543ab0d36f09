import { Body, Controller, Get, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public } from '@yuanlian/auth';
import type { Caller } from '@yuanlian/auth';
import { RateLimiter } from '@yuanlian/runtime';
import type { Request, Response } from 'express';
import { ChangePasswordInput, LoginInput, RevocationsQuery } from '../users/user.dto';
import { RevocationFeed } from '../users/revocation-feed';
import { UsersService } from '../users/users.service';
import { KeysService } from './keys.service';

/** Ten tries per address and username in five minutes, and a hundred per address (a shared office NAT). */
const perAccount = new RateLimiter(10, 5 * 60_000);
const perAddress = new RateLimiter(100, 5 * 60_000);
/**
 * A password change checks the current password, so it is limited as sign-in is: ten tries per user in five minutes
 * (whatever the address: the caller already holds the user's token), and a hundred per address.
 */
const changesPerUser = new RateLimiter(10, 5 * 60_000);
const changesPerAddress = new RateLimiter(100, 5 * 60_000);

@ApiTags('auth 登录')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly keys: KeysService,
    private readonly revocationFeed: RevocationFeed,
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

  /**
   * The users whose sessions ended recently (deactivated, roles or password changed), which every service follows: open
   * like the keys (user ids and times only), and answered with 304 when the service's copy is current. With `?wait=N`
   * (seconds, at most 25) a current copy is answered only when the list changes or after N seconds (a long poll). The
   * ETag is checked here, not by Express: fetch sends `Cache-Control: no-cache` with a conditional request, and Express
   * then always answers in full.
   */
  @Public()
  @Get('auth/revocations')
  async revocations(@Req() req: Request, @Res() res: Response, @Query() query: RevocationsQuery) {
    const known = (req.headers['if-none-match'] ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    // A client that goes away releases its held request at once.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    const list = await this.revocationFeed.next(known, (query.wait ?? 0) * 1000, gone.signal);
    if (gone.signal.aborted && !res.writable) return;
    // Shutting down: the services' connections must end, or their next poll would hold the closing server open for good.
    if (this.revocationFeed.closing) res.setHeader('connection', 'close');
    res.setHeader('etag', list.etag);
    if (known.includes(list.etag)) return void res.status(304).end();
    res.type('application/json').send(list.body);
  }

  @ApiBearerAuth()
  @Get('auth/me')
  me(@CurrentUser() caller: Caller) {
    return this.users.me(caller);
  }

  @ApiBearerAuth()
  @Put('auth/password')
  @HttpCode(204)
  async changePassword(@Req() req: { ip?: string }, @CurrentUser() caller: Caller, @Body() input: ChangePasswordInput) {
    changesPerAddress.take(req.ip ?? 'unknown');
    changesPerUser.take(caller.sub);
    await this.users.changePassword(caller, input.currentPassword, input.newPassword);
  }
}
