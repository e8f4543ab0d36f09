import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, Param, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';

/** `a.b.c` → messages, for every failing field including nested ones. */
export function fieldErrors(errors: ValidationError[], prefix = ''): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[path] = [...new Set(Object.values(e.constraints))];
    Object.assign(out, fieldErrors(e.children ?? [], path));
  }
  return out;
}

/** A 400 naming the fields that are wrong, in the shape every validation error of the platform has. */
export function invalidFields(fields: Record<string, string[]>): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: '请求参数有误', fields });
}

/** A 400 for one field, for rules that need more than the DTO's decorators can see. */
export const fieldError = (field: string, message: string) => invalidFields({ [field]: [message] });

/** Strict input: unknown fields are refused, types converted, and every failing field named. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    exceptionFactory: (errors) => invalidFields(fieldErrors(errors)),
  });
}

/** A path parameter that must be a UUID; a bad one is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ version: '4', exceptionFactory: () => fieldError(name, `${name} 应为有效的编号（UUID）`) }));

/**
 * Every 400 names what is wrong: the few that do not come from validation (a body that is not JSON, a pipe of
 * Nest's own) are given a field too.
 */
@Catch(BadRequestException)
export class FieldErrorsFilter implements ExceptionFilter {
  catch(e: BadRequestException, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<{ status: (code: number) => { json: (body: unknown) => void } }>();
    const body = e.getResponse() as { fields?: unknown; message?: unknown };
    if (typeof body === 'object' && body.fields) return res.status(400).json(body);
    const notJson = e.cause instanceof SyntaxError || /JSON/.test(String(body?.message ?? ''));
    res.status(400).json({
      statusCode: 400, error: 'Bad Request', message: '请求参数有误',
      fields: notJson ? { body: ['请求体不是有效的 JSON'] } : { request: [String(body?.message ?? e.message)] },
    });
  }
}
