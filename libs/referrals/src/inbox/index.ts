export * from './disclosure.migration';
export * from './lifecycle.migration';
export * from './migration';
export * from './receiving-agency';
export * from './received-referral.entity';
export * from './referral-inbox.dto';
export * from './referral-inbox.module';
export * from './referral-inbox.service';
