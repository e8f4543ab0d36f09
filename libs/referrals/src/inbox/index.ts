export * from './migration';
export * from './received-referral.entity';
export * from './referral-inbox.dto';
export * from './referral-inbox.module';
export * from './referral-inbox.service';
