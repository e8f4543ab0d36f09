// Prints "name port main" for every service, for the shell scripts.
import { SERVICES } from './services';

for (const [name, s] of Object.entries(SERVICES)) process.stdout.write(`${name} ${s.port} ${s.main}\n`);
