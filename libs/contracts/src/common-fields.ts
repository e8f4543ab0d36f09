import { Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { OFFICE_ID_PATTERN } from './agencies';

export const officeIdField = (options: ValidationOptions = {}) => Matches(OFFICE_ID_PATTERN, { message: '$property 不是有效的机构编号', ...options });
export const workerKeyField = () => Matches(/^wk_[0-9a-f]{32}$/, { message: '$property 不是有效的劳动者假名标识' });
export const creditCodeField = () => Matches(/^[0-9A-Z]{18}$/, { message: '$property 不是有效的统一社会信用代码' });
/** A quarter, `2026-Q4`. */
export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
export const divisionField = () => Matches(/^[0-9A-Z]{6}$/, { message: '$property 不是有效的区划代码' });

/** The years a date may fall in: well before any claim or clock of the platform, and well short of `9999-12-31`. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether `v` is a day written `YYYY-MM-DD` (ASCII digits) that exists in the Gregorian calendar, 1900–2100. */
export function isCalendarDate(v: unknown): v is string {
  const m = typeof v === 'string' ? DAY_PATTERN.exec(v) : null;
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < FIRST_YEAR || year > LAST_YEAR || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1] + (month === 2 && leap ? 1 : 0);
}

/**
 * A calendar day, `YYYY-MM-DD`, that exists: `2026-02-30` and `2026-13-45` are refused at the field, with one
 * message for a day not written so and another for one that is but does not exist (both can be the DTO's own).
 */
export const dayField = (messages: { format?: string; day?: string } = {}, options: Pick<ValidationOptions, 'each'> = {}): PropertyDecorator => (target, key) => {
  // An array's items are days (not the converter's guess at a custom rule's type).
  if (options.each) JSONSchema((schema) => ({ ...schema, type: 'array', items: { type: 'string', format: 'date' } }))(target, String(key));
  else JSONSchema({ type: 'string', format: 'date' })(target, String(key));
  ValidateBy(
    { name: 'isCalendarDate', validator: { validate: isCalendarDate } },
    {
      ...options,
      message: ({ value }) => (typeof value === 'string' && DAY_PATTERN.test(value)
        ? messages.day ?? '$property 不是有效的日期'
        : messages.format ?? '$property 应为 YYYY-MM-DD 格式的日期'),
    },
  )(target, key);
};
