import type { ConnectionOptions } from 'node:tls';

/** How to reach Redis; read and validated by the app's config, passed in here. */
export interface RedisClientOptions {
  /** `redis://` or `rediss://` URL of a standalone server; credentials in it win over username/password. */
  readonly url?: string;
  /** `host:port` seeds of a Redis Cluster; exclusive with `url`. */
  readonly clusterNodes?: readonly string[];
  readonly username?: string;
  readonly password?: string;
  /** TLS to every node (`true`: the system's CAs, or Node TLS options such as `ca`); a `rediss://` URL implies it. */
  readonly tls?: boolean | ConnectionOptions;
  /** Shown by CLIENT LIST, to tell the pipeline's connections apart. */
  readonly connectionName?: string;
  /** Deadline of one command once issued, in ms. Default 5000. */
  readonly commandTimeoutMs?: number;
  /** Reconnection attempts a command waits through before it fails. Default 2. */
  readonly maxRetriesPerRequest?: number;
}
