/** One seed node of a Redis Cluster. */
export interface ClusterNodeAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * Parses `host:port`, `[ipv6]:port` or a `redis://host:port` URL form of a cluster seed.
 * @throws RangeError naming the entry when it has no valid port.
 */
export function parseClusterNodeAddress(entry: string): ClusterNodeAddress {
  const bare = entry.trim().replace(/^rediss?:\/\//, '');
  const match = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(bare);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new RangeError(`cluster node ${JSON.stringify(entry)} is not host:port`);
  }
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port };
}
