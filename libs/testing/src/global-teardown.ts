/** Stops containers the global setup started; a broker started by the scripts is left for reuse. */
export default async function globalTeardown(): Promise<void> {
  for (const container of globalThis.__pipelineContainers ?? []) await container.stop();
}
