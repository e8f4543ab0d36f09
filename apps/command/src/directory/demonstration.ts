import type { OfficeV1 } from '@yuanlian/contracts';
import type { EntityManager } from 'typeorm';
import { OfficeRecord } from './office.entity';

/** Each county cultivates one or two demonstration windows (示范窗口). */
export const MAX_WINDOWS_PER_COUNTY = 2;

/** The active offices the directory marks as demonstration sites or windows (one kind with `kind`), from SQL. */
export async function demonstrationOffices(manager: EntityManager, kind?: 'site' | 'window', divisionCode?: string): Promise<OfficeV1[]> {
  const qb = manager.getRepository(OfficeRecord).createQueryBuilder('o')
    .where(`o.data ->> 'demonstration' ${kind ? '= :kind' : `<> 'none'`}`, { kind })
    .andWhere(`(o.data ->> 'active')::boolean`)
    .orderBy('o.office_id');
  if (divisionCode) qb.andWhere(`o.data ->> 'divisionCode' = :divisionCode`, { divisionCode });
  return (await qb.getMany()).map((r) => r.data);
}
