import 'reflect-metadata';
import { Body, CanActivate, Controller, Get, Injectable, Module, Post, Query, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { IsOptional, IsString } from 'class-validator';
import { bootstrapService } from './bootstrap';
import { MAX_JSON_DEPTH } from '@yuanlian/contracts';

class Note {
  @IsOptional() @IsString() text?: string;
}
class Listing {
  @IsOptional() @IsString() status?: string;
}

/** Refuses every request without a bearer token, as the services' JWT guard does. */
@Injectable()
class TokenGuard implements CanActivate {
  canActivate(context: Parameters<CanActivate['canActivate']>[0]): boolean {
    if (!context.switchToHttp().getRequest().headers.authorization) throw new UnauthorizedException('请先登录');
    return true;
  }
}

@Controller()
class EchoController {
  @Post('open') open(@Body() body: Note) {
    return body;
  }
  @Post('guarded') @UseGuards(TokenGuard) guarded(@Body() body: Note) {
    return body;
  }
  @Post('raw') raw(@Body() body: unknown) {
    return { kind: Array.isArray(body) ? 'array' : typeof body };
  }
  @Get('list') list(@Query() q: Listing) {
    return q;
  }
  @Get('query') query(@Query() q: unknown) {
    return q;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('the HTTP edge of every service', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await bootstrapService(EchoModule, { name: 'edge-test', title: 'edge', port: 0, database: false });
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(() => app?.close());

  const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: res.status, body: await res.json() };
  };
  const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const deepObject = (n: number) => '{"text":'.repeat(n) + '"x"' + '}'.repeat(n);

  it('answers a body nested 20,000 deep with a 400 naming the body, with a token or without, before guards and pipes', async () => {
    const tooDeep = { statusCode: 400, message: '请求参数有误', fields: { body: [`请求体的数组或对象嵌套不能超过 ${MAX_JSON_DEPTH} 层`] } };
    for (const body of [deepArray(20_000), deepObject(20_000), deepArray(MAX_JSON_DEPTH + 1), `{"text":"x","y":${deepArray(40)}}`]) {
      for (const path of ['/open', '/guarded', '/raw', '/nowhere']) {
        expect(await post(path, body)).toEqual({ status: 400, body: expect.objectContaining(tooDeep) });
        expect(await post(path, body, { authorization: 'Bearer x' })).toEqual({ status: 400, body: expect.objectContaining(tooDeep) });
      }
    }
    // The limit itself is not refused at the edge: the route and its validation see it.
    expect(await post('/raw', deepArray(MAX_JSON_DEPTH))).toEqual({ status: 201, body: { kind: 'array' } });
    expect((await post('/guarded', deepArray(3))).status).toBe(401);
    // Brackets inside strings are text.
    expect(await post('/open', JSON.stringify({ text: '[{'.repeat(20_000) }))).toEqual({ status: 201, body: { text: '[{'.repeat(20_000) } });
  });

  it('keeps the other answers about bodies: not JSON, not UTF-8', async () => {
    expect(await post('/open', '{"text": ')).toEqual({ status: 400, body: expect.objectContaining({ fields: { body: ['请求体不是有效的 JSON'] } }) });
    const utf16 = await post('/open', '{}', { 'content-type': 'application/json; charset=utf-16le' });
    expect(utf16).toEqual({ status: 415, body: expect.objectContaining({ message: '请求体应为 UTF-8 编码的 JSON' }) });
  });

  it('reads a query string flat: brackets make no nesting however many there are', async () => {
    const key = 'a' + '[b]'.repeat(1_000);
    const res = await fetch(`${url}/query?${encodeURIComponent(key)}=1&x[0][1]=2`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ [key]: '1', 'x[0][1]': '2' });
    const listed = await fetch(`${url}/list?status[a][b][c]=1`);
    expect(listed.status).toBe(400);
    expect(((await listed.json()) as { fields: object }).fields).toHaveProperty(['status[a][b][c]']);
  });
});
