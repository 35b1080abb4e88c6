import net from 'node:net';

// A network link between two servers on this machine, as a facility's would be: it can be cut (connections
// reset, new ones refused), go silent (connections stay open but nothing crosses, as when a radio link
// fades; TCP keeps what was sent and delivers it when the link returns) and be slowed to a few KB/s.

type LinkState = 'up' | 'cut' | 'silent';

export class Link {
  private state: LinkState = 'up';
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  /** Bytes that crossed the link, both ways. */
  bytes = 0;
  /** Bytes per second each way; 0: unlimited. */
  rate = 0;

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async open(targetPort: number): Promise<Link> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const link = new Link(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (client) => link.accept(client, targetPort));
    return link;
  }

  cut(): void {
    this.state = 'cut';
    for (const [a, b] of this.pairs) {
      a.resetAndDestroy();
      b.resetAndDestroy();
    }
  }

  silence(): void {
    this.state = 'silent';
    for (const [a, b] of this.pairs) {
      a.pause();
      b.pause();
    }
  }

  restore(): void {
    this.state = 'up';
    for (const [a, b] of this.pairs) {
      a.resume();
      b.resume();
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket, targetPort: number): void {
    if (this.state === 'cut') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair: [net.Socket, net.Socket] = [client, upstream];
    this.pairs.add(pair);
    const end = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    for (const [from, to] of [pair, [upstream, client] as const]) {
      from.on('data', (chunk: Buffer) => this.forward(from, to, chunk));
      from.on('close', end);
      from.on('error', end);
    }
    if (this.state === 'silent') {
      client.pause();
      upstream.pause();
    }
  }

  private forward(from: net.Socket, to: net.Socket, chunk: Buffer): void {
    this.bytes += chunk.length;
    const flushed = to.write(chunk);
    if (this.rate > 0) {
      // Hold the sender back for as long as the chunk takes at the link's rate.
      from.pause();
      setTimeout(() => this.state === 'up' && from.resume(), (chunk.length / this.rate) * 1000);
    } else if (!flushed) {
      from.pause();
      to.once('drain', () => this.state === 'up' && from.resume());
    }
  }
}
