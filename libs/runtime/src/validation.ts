import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

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
