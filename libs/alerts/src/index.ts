export * from './desk-alert.entity';
export * from './desk-alerts.controller';
export * from './desk-alerts.module';
export * from './desk-alerts.service';
export * from './migration';
export * from './tables';
