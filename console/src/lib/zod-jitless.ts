/**
 * The console's CSP forbids eval. zod (which reads receipts in @govchain/verifier) probes for it with Function('')
 * when a schema is built, which the browser reports as a CSP violation; its interpreted parser needs no eval. This
 * module must run before the verifier, whose schemas are built when it loads: main.tsx imports it first.
 */
import { config } from 'zod';

config({ jitless: true });
