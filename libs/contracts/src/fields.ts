import { IsInt, Max, Min } from 'class-validator';

/** Money in integer fen; the ceiling keeps sums far inside Number.MAX_SAFE_INTEGER. */
export const MAX_FEN = 100_000_000_000_00;
export const IsFen = (): PropertyDecorator => (target, key) => {
  IsInt({ message: `${String(key)} 必须是以分为单位的整数` })(target, key);
  Min(0, { message: `${String(key)} 不能为负数` })(target, key);
  Max(MAX_FEN, { message: `${String(key)} 超出上限` })(target, key);
};
