#!/usr/bin/env tsx
import { Sessions } from '@poc-emr/openmrs-auth';
import { Bridge } from './bridge';
import { configFromEnv, type BridgeConfig } from './config';
import { feedFromDatabase } from './feed';
import { ensureCatalogue } from './idart/catalogue';
import { reconcile, reconciliationText } from './reconcile';
import { createBridgeServer } from './server';
import { bridgeStatus } from './status';

const USAGE = `Usage: npm run idart-bridge -- <command>   (configured by environment variables: docs/install.md)
  serve        keep iDART and OpenMRS in step and answer the status API (the distro's container)
  cycle        one look at iDART and one round of sending, then exit
  feed         bring the patients on ART and their prescriptions from OpenMRS into iDART once
  reconcile    list iDART dispensations without their FILA in OpenMRS and the other way round (exit 1 if any)
  status       last successful sync, items owed and in the error queue, age of the oldest owed`;

/** The OpenMRS → iDART feed every BRIDGE_FEED_MINUTES (60 by default), when OPENMRS_DATABASE_URL is set. */
function startFeed(bridge: Bridge, config: BridgeConfig): () => void {
  if (!config.openmrsDatabase) return () => undefined;
  const url = process.env.OPENMRS_DATABASE_URL!;
  const run = async () => {
    try {
      const result = await feedFromDatabase(url, bridge.pool, await ensureCatalogue(bridge.pool), config.drugs);
      if (result.updated || result.prescriptions || result.refused.length)
        console.log(`OpenMRS → iDART: ${JSON.stringify(result)}`);
    } catch (error) {
      console.error(`OpenMRS → iDART feed failed: ${(error as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(run, Number(process.env.BRIDGE_FEED_MINUTES ?? 60) * 60_000);
  return () => clearInterval(timer);
}

async function main([command]: string[]): Promise<void> {
  if (!command || !['serve', 'cycle', 'feed', 'reconcile', 'status'].includes(command)) throw new Error(USAGE);
  const config = configFromEnv();
  const bridge = new Bridge(config);
  await bridge.outbox.migrate();
  switch (command) {
    case 'serve': {
      bridge.start();
      const stopFeed = startFeed(bridge, config);
      const { app } = await createBridgeServer(bridge, new Sessions(config.openmrsUrl, config.sessionCacheMs));
      const address = await app.listen({ host: config.host, port: config.port });
      console.log(`iDART bridge on ${address}: pickups from ${config.since} to ${config.openmrsUrl}`);
      const stop = () => {
        stopFeed();
        void Promise.all([app.close(), bridge.close()]).then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    case 'cycle':
      console.log(JSON.stringify(await bridge.cycle()));
      break;
    case 'feed':
      if (!config.openmrsDatabase) throw new Error('OPENMRS_DATABASE_URL is required for the feed');
      console.log(
        JSON.stringify(
          await feedFromDatabase(
            process.env.OPENMRS_DATABASE_URL!,
            bridge.pool,
            await ensureCatalogue(bridge.pool),
            config.drugs,
          ),
        ),
      );
      break;
    case 'reconcile': {
      const result = await reconcile(bridge.pool, bridge.openmrs, {
        since: config.since,
        facility: config.locationUuid,
      });
      console.log(reconciliationText(result));
      process.exitCode = result.ok ? 0 : 1;
      break;
    }
    case 'status':
      console.log(JSON.stringify(await bridgeStatus(bridge.pool, config.since), null, 2));
      break;
  }
  await bridge.close();
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
