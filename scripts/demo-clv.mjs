#!/usr/bin/env node
// The end of the demo (scripts/up.sh): waits until the journey processor has consumed the demo
// stream, triggers a CLV refit on the scheduler, prints the fitted parameters, then reads
// customer.clv.v1 and prints one customer's predictive CLV and segment (the given customer if the
// refit valued it, else the first one it did). Reads KAFKA_BROKERS and KAFKA_TOPIC_PREFIX.
//   node scripts/demo-clv.mjs <processor url> <scheduler url> <customer id>
import { Kafka, logLevel } from 'kafkajs';

const [processorUrl, schedulerUrl, customer] = process.argv.slice(2);
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const topic = `${process.env.KAFKA_TOPIC_PREFIX ?? ''}customer.clv.v1`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function json(url, init) {
  const response = await fetch(url, init);
  return { status: response.status, body: await response.json().catch(() => null) };
}

// Caught up: lag 0 at two reads in a row, so a refit sees the whole stream.
async function waitForCatchUp() {
  let zeros = 0;
  for (let i = 0; i < 240 && zeros < 2; i += 1) {
    const { body } = await json(`${processorUrl}/ops/snapshot`).catch(() => ({ body: null }));
    zeros = body?.lag?.total === 0 ? zeros + 1 : 0;
    if (zeros < 2) await sleep(500);
  }
  if (zeros < 2) console.log('the processor has not caught up after 2 minutes; refitting anyway');
}

const fixed = (value, digits) => Number(value).toFixed(digits);

async function refit() {
  const { status, body } = await json(`${schedulerUrl}/jobs/refit`, { method: 'POST' });
  if (status !== 200 || body?.status !== 'fitted') {
    console.log(`refit: HTTP ${status} ${JSON.stringify(body)}`);
    return undefined;
  }
  const { bgNbd, gammaGamma } = body.params;
  const model = body.purchaseModel ?? 'bg-nbd';
  console.log(`refit ${body.modelVersion}: ${body.customers} buyers, ${body.repeatBuyers} repeat buyers`);
  console.log(
    `  BG/NBD (weeks)  r=${fixed(bgNbd.r, 3)} alpha=${fixed(bgNbd.alpha, 3)} a=${fixed(bgNbd.a, 3)} ` +
      `b=${fixed(bgNbd.b, 3)}  LL=${fixed(body.logLikelihoods.bgNbd, 1)}`,
  );
  if (body.params.paretoNbd) {
    const p = body.params.paretoNbd;
    console.log(
      `  Pareto/NBD      r=${fixed(p.r, 3)} alpha=${fixed(p.alpha, 3)} s=${fixed(p.s, 3)} ` +
        `beta=${fixed(p.beta, 3)}  LL=${fixed(body.logLikelihoods.paretoNbd, 1)}`,
    );
  }
  console.log(
    `  Gamma-Gamma     p=${fixed(gammaGamma.p, 3)} q=${fixed(gammaGamma.q, 3)} ` +
      `v=${fixed(body.gammaGammaVMajorUnits, 2)} (major units; ${fixed(gammaGamma.v, 1)} minor)`,
  );
  console.log(`  purchase model in use: ${model}`);
  return body.modelVersion;
}

async function showCustomer(modelVersion) {
  const kafka = new Kafka({ clientId: 'demo-clv', brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `demo-clv-${process.pid}-${Date.now()}` });
  const valued = new Map();
  let lastSeen = Date.now();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      lastSeen = Date.now();
      const event = JSON.parse(message.value.toString());
      if (event.predictive?.modelVersion === modelVersion) valued.set(event.customerId, event);
    },
  });
  // The refit re-emits paced: read until the topic has been quiet for 3 s (at most a minute).
  const started = Date.now();
  while (Date.now() - lastSeen < 3_000 && Date.now() - started < 60_000) await sleep(500);
  await consumer.disconnect();
  const event = valued.get(customer) ?? valued.values().next().value;
  if (!event) {
    console.log(`no customer.clv.v1 event carries ${modelVersion} yet`);
    return;
  }
  const p = event.predictive;
  console.log(
    `customer ${event.customerId}: predictive CLV ${p.value} ${event.currency} over ${p.horizonMonths} months ` +
      `(P(alive) ${fixed(p.probabilityAlive, 3)}, ${fixed(p.expectedPurchases, 2)} expected purchases of ` +
      `${p.expectedAverageOrderValue}), segment ${event.segment}; simple CLV ${event.simple.value}`,
  );
}

await waitForCatchUp();
const version = await refit();
if (version) await showCustomer(version);
