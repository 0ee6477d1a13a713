/**
 * Runs the sensor service as its own process (for crash tests): `tsx service-process.ts <db>`.
 * Prints one JSON line `{ "http": url, "mqtt": url }` on stdout once listening.
 */
import Fastify from 'fastify';
import { createSensorService } from '../sensor-service.ts';
import { TEST_TOKENS, tokenAuthenticator } from './token-authenticator.ts';

const db = process.argv[2];
if (!db) throw new Error('usage: service-process.ts <sqlite file or postgres:// URL>');
const service = createSensorService({ auth: tokenAuthenticator(TEST_TOKENS), db, mqtt: { embedded: { port: 0 } }, publicRead: true, retention: false });
const app = Fastify({ logger: false });
await service.register(app);
await service.start();
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ http: url, mqtt: `mqtt://127.0.0.1:${service.mqttPort}` })}\n`);
process.once('SIGTERM', () => {
  void service.stop().then(() => app.close()).then(() => process.exit(0));
});
