import * as http from 'http';
import * as net from 'net';
import { closeServer, createHttpServer, DRAIN_LIMIT_BYTES, listen } from '../../src/app/http-server';

// The HTTP front alone, with a handler that answers every request it is handed.
let server: http.Server;
let url: string;
beforeAll(async () => {
  server = createHttpServer(
    (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{"ok":true}}');
    },
    () => Promise.resolve({ catalog: true }),
    { maxBodyBytes: 100_000 },
  );
  url = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/graphql`;
});
afterAll(() => closeServer(server));

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('a refused body is read before the answer, so every client reads the answer', () => {
  it('answers fetch (which sends its whole body first) a 413 with its code, not a reset', async () => {
    const res = await post('x'.repeat(300_000));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: 'the request body has 300000 bytes; the limit is 100000',
          extensions: { code: 'REQUEST_TOO_LARGE' },
        },
      ],
    });
  });

  it('reads a body that is still arriving, then answers: the client can send all of it', async () => {
    const { port } = new URL(url);
    const outcome = await new Promise<{ response: string; error: string | null; sentFirst: number }>(
      (resolve) => {
        const socket = net.connect(Number(port), '127.0.0.1');
        let response = '';
        let error: string | null = null;
        let sentFirst = -1;
        let sent = 0;
        socket.on('data', (d) => {
          if (sentFirst < 0) sentFirst = sent;
          response += d.toString();
        });
        socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
        socket.on('close', () => resolve({ response, error, sentFirst }));
        socket.write(
          'POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 200000\r\n\r\n',
        );
        // the body in ten pieces, 20 ms apart, as a slow client sends it
        const piece = 'x'.repeat(20_000);
        const timer = setInterval(() => {
          if (sent === 10) return clearInterval(timer);
          sent++;
          socket.write(piece);
        }, 20);
      },
    );
    // answered once the whole body was in, and never cut while sending
    expect(outcome.sentFirst).toBe(10);
    expect(outcome.error).toBeNull();
    expect(outcome.response).toMatch(/^HTTP\/1\.1 413 /);
    expect(outcome.response).toContain('"code":"REQUEST_TOO_LARGE"');
  });

  it('cuts a body past the drain bound after answering, and keeps serving others', async () => {
    const huge = post('x'.repeat(DRAIN_LIMIT_BYTES * 4)).then(
      (res) => res.status,
      () => 'reset',
    );
    expect([413, 'reset']).toContain(await huge);
    const ok = await post('{"query":"{ ok }"}');
    expect(ok.status).toBe(200);
  });
});
