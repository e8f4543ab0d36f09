import { DESK_ALERT_TABLES } from '@yuanlian/alerts';
import { AccessLogEntry, AccessLogUserName1764300003300, CreateAccessLog1764300001200 } from '@yuanlian/auth';
import { dataSourceOptions, IdempotencyKeys1764300003200 } from '@yuanlian/database';
import { ClockCalendarChanges1764300003900, CreateClocks1764300000300, StatutoryClock } from '@yuanlian/deadlines';
import { MESSAGING_MIGRATIONS } from '@yuanlian/messaging';
import { CreateReferralTimeline1764300000400, ReferralTimelineEntry } from '@yuanlian/referrals';
import { AidObjection } from './applications/aid-objection.entity';
import { Application } from './applications/application.entity';
import { AidDecisions1764300003400 } from './migrations/1764300003400-aid-decisions';
import { AidLawyers1764300003500 } from './migrations/1764300003500-aid-lawyers';
import { Workplace1764300003600 } from './migrations/1764300003600-workplace';
import { EmploymentEnded1764300003700 } from './migrations/1764300003700-employment-ended';
import { InjuryAndConstruction1764300003800 } from './migrations/1764300003800-injury-and-construction';
import { AidLawyer } from './lawyers/aid-lawyer.entity';
import { ApplicationsAndReferrals1764300000100 } from './migrations/1764300000100-applications-and-referrals';
import { CaseLifecycle1764300000600 } from './migrations/1764300000600-case-lifecycle';
import { UrgentKind1764300000900 } from './migrations/1764300000900-urgent-kind';
import { Referral } from './referrals/referral.entity';
import { CaseTransfer } from './transfers/case-transfer.entity';
import { CaseTransfers1764300001000 } from './migrations/1764300001000-case-transfers';
import { OneOpenReferral1764300001700 } from './migrations/1764300001700-one-open-referral';
import { ReferralDisclosure1764300001100 } from './migrations/1764300001100-referral-disclosure';
import { TypicalCases1764300002100 } from './migrations/1764300002100-typical-cases';
import { SealedPersonalData1764300003000 } from './migrations/1764300003000-sealed-personal-data';
import { DutyReminder, TypicalCase, TypicalCaseEvent } from './typical-cases/typical-case.entity';

export const SCHEMA = 'legal_aid';

export const legalAidDatabase = () =>
  dataSourceOptions({
    schema: SCHEMA,
    entities: [Application, AidObjection, AidLawyer, Referral, ReferralTimelineEntry, StatutoryClock, CaseTransfer, AccessLogEntry, TypicalCase, TypicalCaseEvent, DutyReminder, ...DESK_ALERT_TABLES.entities],
    migrations: [
      ...MESSAGING_MIGRATIONS,
      ApplicationsAndReferrals1764300000100,
      CreateClocks1764300000300,
      CreateReferralTimeline1764300000400,
      CaseLifecycle1764300000600,
      UrgentKind1764300000900,
      CaseTransfers1764300001000,
      ReferralDisclosure1764300001100,
      CreateAccessLog1764300001200,
      OneOpenReferral1764300001700,
      ...DESK_ALERT_TABLES.migrations,
      TypicalCases1764300002100,
      SealedPersonalData1764300003000,
      IdempotencyKeys1764300003200,
      AccessLogUserName1764300003300,
      AidDecisions1764300003400,
      AidLawyers1764300003500,
      Workplace1764300003600,
      EmploymentEnded1764300003700,
      InjuryAndConstruction1764300003800,
      ClockCalendarChanges1764300003900,
    ],
  });
