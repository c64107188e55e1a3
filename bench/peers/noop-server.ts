/**
 * The load client's ceiling: an HTTP server that does no work, answering every request with the
 * same canned reply (a real case as Docket answers it, read from BENCH_NOOP_REPLY). What the
 * client reaches against it is the most any server could show on this machine with this client.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const reply = readFileSync(process.env.BENCH_NOOP_REPLY!);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(req.url === '/api/cases' ? 201 : 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': reply.length,
    });
    res.end(reply);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('listening'));
