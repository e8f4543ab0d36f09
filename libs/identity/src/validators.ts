import { registerDecorator, ValidationOptions } from 'class-validator';
import { creditCodeProblem } from './credit-code';
import { isGanzhouServiceArea } from './divisions';
import { residentIdProblem } from './resident-id';

function define(name: string, check: (v: unknown) => string | null, options?: ValidationOptions) {
  return (object: object, propertyName: string) => {
    registerDecorator({
      name,
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => check(value) === null,
        defaultMessage: (args) => check(args?.value) ?? '',
      },
    });
  };
}

export const IsResidentId = (options?: ValidationOptions) => define('isResidentId', residentIdProblem, options);

export const IsCreditCode = (options?: ValidationOptions) => define('isCreditCode', creditCodeProblem, options);

export const IsGanzhouServiceArea = (options?: ValidationOptions) =>
  define('isGanzhouServiceArea', (v) => (isGanzhouServiceArea(v) ? null : '不是赣州市的县（市、区）或功能区代码'), options);

export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export const IsChinesePhone = (options?: ValidationOptions) =>
  define('isChinesePhone', (v) => (typeof v === 'string' && PHONE_PATTERN.test(v) ? null : '电话号码格式不正确（手机11位或区号加座机号）'), options);
