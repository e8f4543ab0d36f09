import { Global, Module } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { MESSAGING_CONFIG } from '@yuanlian/messaging';
import type { MessagingConfig } from '@yuanlian/messaging';
import { Directory, OfficeIndex } from './directory';

/** Gives a service its replica of the agency directory (needs MessagingModule). */
@Global()
@Module({
  providers: [
    { provide: Directory, useFactory: (kafka: Kafka, config: MessagingConfig) => new Directory(kafka, config), inject: [Kafka, MESSAGING_CONFIG] },
    { provide: OfficeIndex, useExisting: Directory },
  ],
  exports: [Directory, OfficeIndex],
})
export class DirectoryModule {}
