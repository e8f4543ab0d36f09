import { Matches, ValidationOptions } from 'class-validator';
import { OFFICE_ID_PATTERN } from './agencies';

export const officeIdField = (options: ValidationOptions = {}) => Matches(OFFICE_ID_PATTERN, { message: '$property 不是有效的机构编号', ...options });
export const workerKeyField = () => Matches(/^wk_[0-9a-f]{32}$/, { message: '$property 不是有效的劳动者假名标识' });
