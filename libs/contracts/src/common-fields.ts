import { IsISO8601, Matches, ValidationOptions } from 'class-validator';
import { OFFICE_ID_PATTERN } from './agencies';

export const officeIdField = (options: ValidationOptions = {}) => Matches(OFFICE_ID_PATTERN, { message: '$property 不是有效的机构编号', ...options });
export const workerKeyField = () => Matches(/^wk_[0-9a-f]{32}$/, { message: '$property 不是有效的劳动者假名标识' });
export const creditCodeField = () => Matches(/^[0-9A-Z]{18}$/, { message: '$property 不是有效的统一社会信用代码' });
/** A quarter, `2026-Q4`. */
export const QUARTER_PATTERN = /^\d{4}-Q[1-4]$/;
export const divisionField = () => Matches(/^[0-9A-Z]{6}$/, { message: '$property 不是有效的区划代码' });
/** A calendar day, `YYYY-MM-DD`, that exists. */
export const dayField = (): PropertyDecorator => (target, key) => {
  Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property 应为 YYYY-MM-DD 格式的日期' })(target, key);
  IsISO8601({ strict: true }, { message: '$property 不是有效的日期' })(target, key);
};
